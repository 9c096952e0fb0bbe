package smtp.wire.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smtp.wire.AddrSpec;
import smtp.wire.HeaderAddress;
import smtp.wire.HeaderGroup;
import smtp.wire.HeaderMailbox;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/**
 * Parses the address lists of header fields (From, Sender, Reply-To, To, Cc, Bcc),
 * RFC 5322 §3.4 and §3.4.1 with the obsolete forms of §4.4, over the tokens of
 * {@link AddressLexer} (which has already removed CFWS).
 *
 * <pre>
 * address-list    =   (address *("," address)) / obs-addr-list
 * obs-addr-list   =   *([CFWS] ",") address *("," [address / CFWS])
 * address         =   mailbox / group
 * mailbox         =   name-addr / addr-spec
 * name-addr       =   [display-name] angle-addr
 * angle-addr      =   [CFWS] "&lt;" addr-spec "&gt;" [CFWS] / obs-angle-addr
 * obs-angle-addr  =   [CFWS] "&lt;" obs-route addr-spec "&gt;" [CFWS]
 * obs-route       =   obs-domain-list ":"
 * obs-domain-list =   *(CFWS / ",") "@" domain *("," [CFWS] ["@" domain])
 * group           =   display-name ":" [group-list] ";" [CFWS]
 * group-list      =   mailbox-list / CFWS / obs-group-list
 * mailbox-list    =   (mailbox *("," mailbox)) / obs-mbox-list
 * obs-mbox-list   =   *([CFWS] ",") mailbox *("," [mailbox / CFWS])
 * obs-group-list  =   1*([CFWS] ",") [CFWS]
 * display-name    =   phrase
 * phrase          =   1*word / obs-phrase
 * obs-phrase      =   word *(word / "." / CFWS)
 * addr-spec       =   local-part "@" domain
 * local-part      =   dot-atom / quoted-string / obs-local-part
 * obs-local-part  =   word *("." word)
 * domain          =   dot-atom / domain-literal / obs-domain
 * obs-domain      =   atom *("." atom)
 * </pre>
 *
 * <h2>Standards</h2>
 * RFC 5322 §3.4, §3.4.1, §4.4 (obs-route is read and dropped; empty list elements are
 * skipped; CFWS may surround the dots of local parts and domains); RFC 6532 §3.2 (UTF-8 in
 * atoms, quoted strings and domains); RFC 6854 (a group is allowed wherever an address-list
 * is, including From:).
 *
 * <h2>Results</h2>
 * Display names lose their quotes, quoted-pairs and comments; words are joined by one space
 * where white space or a comment separated them. Encoded words (RFC 2047) stay as written.
 * Local parts lose quotes and quoted-pairs ({@code "a b"@x} gives {@code a b}); domains keep
 * a domain-literal's brackets.
 *
 * <h2>Diagnostics</h2>
 * 550 5.6.0 as a value, whose text names the first problem and its position.
 */
public final class AddressSyntax {

    private final List<AddressToken> t;
    private int p;
    private String error = "";

    private AddressSyntax(List<AddressToken> tokens) {
        this.t = tokens;
    }

    public static ParseResult<List<HeaderAddress>> parseList(String value) {
        AddressLexer lexer = AddressLexer.lex(value);
        Optional<List<AddressToken>> tokens = lexer.tokens();
        if (tokens.isEmpty()) {
            return invalid(lexer.error());
        }
        AddressSyntax parser = new AddressSyntax(tokens.get());
        Optional<List<HeaderAddress>> list = parser.addressList();
        return list.isPresent() ? ParseResult.ok(list.get()) : invalid(parser.error);
    }

    private static <T> ParseResult<T> invalid(String why) {
        return ParseResult.invalid(Reply.of(550, "5.6.0", "Malformed address list: " + why + " (RFC 5322 section 3.4)"));
    }

    // address-list / obs-addr-list: empty elements between commas are skipped.
    private Optional<List<HeaderAddress>> addressList() {
        List<HeaderAddress> out = new ArrayList<>();
        while (true) {
            while (peek().is(',')) {
                p++;
            }
            if (peek().kind() == AddressToken.Kind.END) {
                break;
            }
            Optional<HeaderAddress> address = address(true);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            out.add(address.get());
            if (!peek().is(',') && peek().kind() != AddressToken.Kind.END) {
                return fail("expected \",\" between addresses", peek());
            }
        }
        if (out.isEmpty()) {
            return fail("no address");
        }
        return Optional.of(out);
    }

    // address = mailbox / group; decided by what follows the leading words.
    private Optional<HeaderAddress> address(boolean groupAllowed) {
        int start = p;
        while (peek().isWord() || peek().is('.')) {
            p++;
        }
        List<AddressToken> words = t.subList(start, p);
        AddressToken next = peek();
        if (next.is('<')) {
            Optional<String> displayName = Optional.empty();
            if (!words.isEmpty()) {
                Optional<String> phrase = phrase(words);
                if (phrase.isEmpty()) {
                    return Optional.empty();
                }
                displayName = phrase;
            }
            p++;
            Optional<AddrSpec> spec = angleAddr();
            if (spec.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HeaderMailbox(displayName, spec.get()));
        }
        if (next.is(':')) {
            if (!groupAllowed) {
                return fail("a group cannot be nested in a group", next);
            }
            if (words.isEmpty()) {
                return fail("a group needs a display name", next);
            }
            Optional<String> name = phrase(words);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            p++;
            return group(name.get());
        }
        if (next.is('@')) {
            Optional<String> local = localPart(words);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            p++;
            Optional<String> domain = domain();
            if (domain.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HeaderMailbox(Optional.empty(), new AddrSpec(local.get(), domain.get())));
        }
        if (words.isEmpty()) {
            return fail("expected an address", next);
        }
        return fail("expected \"<\", \"@\" or \":\" after the words", next);
    }

    // group = display-name ":" [group-list] ";" [CFWS]
    private Optional<HeaderAddress> group(String name) {
        List<HeaderMailbox> members = new ArrayList<>();
        while (true) {
            while (peek().is(',')) {
                p++; // obs-group-list, obs-mbox-list: empty elements
            }
            if (peek().is(';')) {
                p++;
                return Optional.of(new HeaderGroup(name, members));
            }
            if (peek().kind() == AddressToken.Kind.END) {
                return fail("a group is not closed with \";\"", peek());
            }
            Optional<HeaderAddress> member = address(false);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            members.add((HeaderMailbox) member.get()); // address(false) yields only mailboxes
            if (peek().kind() == AddressToken.Kind.END) {
                return fail("a group is not closed with \";\"", peek());
            }
            if (!peek().is(',') && !peek().is(';')) {
                return fail("expected \",\" or \";\" in a group", peek());
            }
        }
    }

    // angle-addr after "<": [obs-route] addr-spec ">"
    private Optional<AddrSpec> angleAddr() {
        if (peek().is('>')) {
            return fail("empty angle-addr", peek());
        }
        if (peek().is('@') || peek().is(',')) {
            // RFC 5322 §4.4 obs-route = obs-domain-list ":"; the route is dropped.
            while (peek().is(',') || peek().is('@')) {
                if (peek().is('@')) {
                    p++;
                    if (domain().isEmpty()) {
                        return Optional.empty();
                    }
                } else {
                    p++;
                }
            }
            if (!peek().is(':')) {
                return fail("expected \":\" after a route", peek());
            }
            p++;
        }
        int start = p;
        while (peek().isWord() || peek().is('.')) {
            p++;
        }
        if (!peek().is('@')) {
            return fail("expected \"@\" in an addr-spec", peek());
        }
        Optional<String> local = localPart(t.subList(start, p));
        if (local.isEmpty()) {
            return Optional.empty();
        }
        p++;
        Optional<String> domain = domain();
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        if (!peek().is('>')) {
            return fail("expected \">\"", peek());
        }
        p++;
        return Optional.of(new AddrSpec(local.get(), domain.get()));
    }

    // local-part = dot-atom / quoted-string / obs-local-part; obs-local-part = word *("." word)
    private Optional<String> localPart(List<AddressToken> words) {
        if (words.isEmpty()) {
            return fail("empty local-part", peek());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            AddressToken w = words.get(i);
            boolean wordSlot = i % 2 == 0;
            if (wordSlot != w.isWord()) {
                return fail(wordSlot ? "misplaced \".\" in a local-part" : "words of a local-part must be joined by \".\"", w);
            }
            sb.append(w.text());
        }
        if (words.size() % 2 == 0) {
            return fail("local-part ends with \".\"", words.get(words.size() - 1));
        }
        return Optional.of(sb.toString());
    }

    // domain = dot-atom / domain-literal / obs-domain; obs-domain = atom *("." atom)
    private Optional<String> domain() {
        AddressToken first = peek();
        if (first.kind() == AddressToken.Kind.LITERAL) {
            p++;
            return Optional.of(first.text());
        }
        if (first.kind() != AddressToken.Kind.ATOM) {
            return fail("expected a domain", first);
        }
        p++;
        StringBuilder sb = new StringBuilder(first.text());
        while (peek().is('.')) {
            p++;
            AddressToken label = peek();
            if (label.kind() != AddressToken.Kind.ATOM) {
                return fail("expected a domain label after \".\"", label);
            }
            p++;
            sb.append('.').append(label.text());
        }
        return Optional.of(sb.toString());
    }

    // phrase = 1*word / obs-phrase; obs-phrase = word *(word / "." / CFWS)
    private Optional<String> phrase(List<AddressToken> words) {
        if (!words.get(0).isWord()) {
            return fail("a display name cannot start with \".\"", words.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (AddressToken w : words) {
            if (w.spaceBefore() && !sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.text());
        }
        return Optional.of(sb.toString());
    }

    private AddressToken peek() {
        return t.get(p);
    }

    private <T> Optional<T> fail(String why) {
        error = why;
        return Optional.empty();
    }

    private <T> Optional<T> fail(String why, AddressToken at) {
        String where = at.kind() == AddressToken.Kind.END ? "at the end" : "at position " + at.position();
        return fail(why + " " + where);
    }
}
