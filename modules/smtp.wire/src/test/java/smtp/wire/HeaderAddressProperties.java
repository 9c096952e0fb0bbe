package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Laws of the RFC 5322 address parser and formatter (QuickTheories). */
class HeaderAddressProperties {

    static Gen<String> from(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(min, max).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        });
    }

    static final String ATEXT = "abcXYZ019!#$%&'*+-/=?^_`{|}~é日";
    static final String ANY = ATEXT + " \t.,;:<>@()[]\"\\\u0001\u007F";

    static Gen<String> dotAtom() {
        return lists().of(from(ATEXT, 1, 5)).ofSizeBetween(1, 4).map(l -> String.join(".", l));
    }

    static Gen<String> domains() {
        return Generate.oneOf(dotAtom(), from("0123456789.:abcdefIPv6!~", 1, 15).map(s -> "[" + s + "]"));
    }

    static Gen<AddrSpec> addrSpecs() {
        return Generate.oneOf(dotAtom(), from(ANY, 0, 10)).zip(domains(), AddrSpec::new);
    }

    static Gen<HeaderMailbox> mailboxes() {
        Gen<Optional<String>> names = Generate.oneOf(
                Generate.constant(Optional.<String>empty()),
                from(ANY, 0, 12).map(Optional::of),
                lists().of(from(ATEXT, 1, 6)).ofSizeBetween(1, 3).map(l -> Optional.of(String.join(" ", l))));
        return names.zip(addrSpecs(), HeaderMailbox::new);
    }

    static Gen<HeaderAddress> addresses() {
        Gen<HeaderAddress> groups = from(ANY, 1, 10).zip(lists().of(mailboxes()).ofSizeBetween(0, 3), HeaderGroup::new);
        return Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(3, mailboxes().map(m -> (HeaderAddress) m)),
                org.quicktheories.api.Pair.of(1, groups)));
    }

    @Test
    @Tag("5322-3.4e")
    void parseOfFormatIsTheIdentity_rfc5322_3_4() {
        qt().forAll(lists().of(addresses()).ofSizeBetween(1, 4)).checkAssert(list -> {
            String formatted = HeaderAddress.formatList(list);
            assertFalse(formatted.contains("\r") || formatted.contains("\n"), "one line");
            assertEquals(list, HeaderAddress.parseList(formatted).orElseThrow(), formatted);
        });
    }

    @Test
    @Tag("5322-3.4b")
    void aFormattedMailboxParsesBackAsOneMailbox_rfc5322_3_4() {
        qt().forAll(mailboxes()).checkAssert(m ->
                assertEquals(List.of(m), HeaderAddress.parseList(m.format()).orElseThrow(), m.format()));
    }

    @Test
    @Tag("5322-3.4d")
    void noInputThrows_rfc5322_3_4() {
        qt().forAll(from(ANY + "\r\n\0", 0, 40)).checkAssert(s -> {
            switch (HeaderAddress.parseList(s)) {
                case ParseResult.Ok<List<HeaderAddress>> ok -> assertFalse(ok.value().isEmpty());
                case ParseResult.Invalid<List<HeaderAddress>> invalid -> assertEquals(550, invalid.reply().code());
            }
        });
    }
}
