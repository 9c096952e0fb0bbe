package smtp.auth.internal.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimCanonicalization;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimSignature;

/**
 * Validates the tags of a DKIM-Signature field into a {@link DkimSignature}
 * (RFC 6376 §3.5, §6.1.1): "any inconsistency or unexpected values MUST cause the header
 * field to be completely ignored".
 *
 * <h2>Diagnostics</h2>
 * Never throws; every problem is a {@link DkimParseResult.Invalid} whose reason names the
 * RFC 6376 explanation ("signature missing required tag", "incompatible version", ...).
 */
public final class SignatureSyntax {

    private SignatureSyntax() {
    }

    /** RFC 6376 §6.1.1 informative note: the required tags. */
    private static final List<String> REQUIRED = List.of("v", "a", "b", "bh", "d", "h", "s");

    public static DkimParseResult<DkimSignature> parse(String value) {
        return parse(value, false);
    }

    /**
     * @param drafts also accept signatures of the pre-RFC drafts (draft-ietf-dkim-base-01 to
     *               -05: {@code v=} absent or {@code 0.5}, {@code q=dns}); RFC 6376 §6.1.1: "An
     *               implementation may, of course, choose to also verify signatures generated
     *               by older versions of this specification."
     */
    public static DkimParseResult<DkimSignature> parse(String value, boolean drafts) {
        DkimParseResult<Map<String, String>> list = TagList.parse(value);
        if (!(list instanceof DkimParseResult.Ok<Map<String, String>> ok)) {
            return invalid("signature syntax error: " + ((DkimParseResult.Invalid<?>) list).reason());
        }
        Map<String, String> tags = ok.value();
        // RFC 6376 §6.1.1: "If any tag listed as "required" ... is omitted ... PERMFAIL
        // (signature missing required tag)."
        for (String t : REQUIRED) {
            if (!tags.containsKey(t) && !(drafts && t.equals("v"))) {
                return invalid("signature missing required tag " + t + "=");
            }
        }
        // RFC 6376 §3.5 v=: "It MUST have the value "1""; §6.1.1: PERMFAIL (incompatible version).
        String version = tags.getOrDefault("v", "0.5");
        if (!version.equals("1") && !(drafts && version.equals("0.5"))) {
            return invalid("incompatible version v=" + tags.get("v"));
        }
        // RFC 6376 §3.3.4: "Verifiers MUST ignore any signatures using algorithms that they do not implement."
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.fromTag(tags.get("a"));
        if (algorithm.isEmpty()) {
            return invalid("unsupported algorithm a=" + tags.get("a"));
        }
        Optional<byte[]> b = Base64Value.decode(tags.get("b"));
        if (b.isEmpty() || b.get().length == 0) {
            return invalid("b= is not base64 or empty");
        }
        Optional<byte[]> bh = Base64Value.decode(tags.get("bh"));
        if (bh.isEmpty() || bh.get().length == 0) {
            return invalid("bh= is not base64 or empty");
        }
        // RFC 6376 §3.5 c=: default simple/simple; "c=relaxed" means relaxed/simple; §3.4:
        // "Verifiers MUST ignore any signatures that use unrecognized canonicalization algorithms."
        DkimCanonicalization headerCanon = DkimCanonicalization.SIMPLE;
        DkimCanonicalization bodyCanon = DkimCanonicalization.SIMPLE;
        String c = tags.get("c");
        if (c != null) {
            int slash = c.indexOf('/');
            Optional<DkimCanonicalization> h = DkimCanonicalization.fromTag(slash < 0 ? c : c.substring(0, slash));
            Optional<DkimCanonicalization> bd = slash < 0 ? Optional.of(DkimCanonicalization.SIMPLE)
                    : DkimCanonicalization.fromTag(c.substring(slash + 1));
            if (h.isEmpty() || bd.isEmpty()) {
                return invalid("unsupported canonicalization c=" + c);
            }
            headerCanon = h.get();
            bodyCanon = bd.get();
        }
        // RFC 6376 §3.5 d=: domain-name = sub-domain 1*("." sub-domain); "Verifiers MUST consider the signature invalid".
        String d = tags.get("d");
        if (!DomainNames.isDomainName(d, 2)) {
            return invalid("d= is not a domain name: " + d);
        }
        // RFC 6376 §3.1: selector = sub-domain *( "." sub-domain )
        String s = tags.get("s");
        if (!DomainNames.isDomainName(s, 1)) {
            return invalid("s= is not a selector: " + s);
        }
        // RFC 6376 §3.5 h=: hdr-name *( [FWS] ":" [FWS] hdr-name ); "This list MUST NOT be empty."
        List<String> h = new ArrayList<>();
        for (String name : tags.get("h").split(":", -1)) {
            String n = name.strip();
            if (!isFieldName(n)) {
                return invalid("h= contains a malformed field name: \"" + n + "\"");
            }
            h.add(n);
        }
        // RFC 6376 §6.1.1: "If the "h=" tag does not include the From header field, the Verifier
        // MUST ignore the DKIM-Signature header field and return PERMFAIL (From field not signed)."
        if (h.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            return invalid("From field not signed");
        }
        // RFC 6376 §3.5 i=: [Local-part] "@" domain-name, dkim-quoted-printable; "The domain part
        // of the address MUST be the same as, or a subdomain of, the value of the "d=" tag."
        Optional<String> identity = Optional.empty();
        if (tags.containsKey("i")) {
            Optional<String> i = DkimQuotedPrintable.decode(tags.get("i"));
            if (i.isEmpty() || i.get().lastIndexOf('@') < 0) {
                return invalid("i= is not an identity: " + tags.get("i"));
            }
            String iDomain = i.get().substring(i.get().lastIndexOf('@') + 1);
            if (!DomainNames.isDomainName(iDomain, 1)) {
                return invalid("i= domain is not a domain name: " + iDomain);
            }
            if (!DomainNames.isSameOrSubdomain(iDomain, d)) {
                // RFC 6376 §6.1.1: PERMFAIL (domain mismatch).
                return invalid("domain mismatch: i=" + i.get() + " is not within d=" + d);
            }
            identity = i;
        }
        // RFC 6376 §3.5 l=: 1*76DIGIT
        OptionalLong l = OptionalLong.empty();
        if (tags.containsKey("l")) {
            String lv = tags.get("l");
            if (!isDigits(lv, 76)) {
                return invalid("l= is not 1*76DIGIT: " + lv);
            }
            l = OptionalLong.of(saturatedLong(lv));
        }
        // RFC 6376 §3.5 q=: "The only option defined for the "dns" query type is "txt", which MUST be included."
        List<String> q = List.of("dns/txt");
        if (tags.containsKey("q")) {
            q = new ArrayList<>();
            for (String m : tags.get("q").split(":", -1)) {
                q.add(m.strip());
            }
            if (!q.contains("dns/txt") && !(drafts && q.contains("dns"))) {
                return invalid("no supported query method in q=" + tags.get("q"));
            }
        }
        // RFC 6376 §3.5 t=, x=: 1*12DIGIT seconds since the epoch.
        Optional<Instant> t = Optional.empty();
        Optional<Instant> x = Optional.empty();
        if (tags.containsKey("t")) {
            if (!isDigits(tags.get("t"), 12)) {
                return invalid("t= is not 1*12DIGIT: " + tags.get("t"));
            }
            t = Optional.of(Instant.ofEpochSecond(Long.parseLong(tags.get("t"))));
        }
        if (tags.containsKey("x")) {
            if (!isDigits(tags.get("x"), 12)) {
                return invalid("x= is not 1*12DIGIT: " + tags.get("x"));
            }
            x = Optional.of(Instant.ofEpochSecond(Long.parseLong(tags.get("x"))));
        }
        // RFC 6376 §3.5 x=: "The value of the "x=" tag MUST be greater than the value of the "t=" tag if both are present."
        if (t.isPresent() && x.isPresent() && !x.get().isAfter(t.get())) {
            return invalid("x= is not after t=");
        }
        // RFC 6376 §3.5 z=: sig-z-tag-copy *( "|" [FWS] sig-z-tag-copy ), each dkim-quoted-printable.
        List<String> z = new ArrayList<>();
        if (tags.containsKey("z") && !tags.get("z").isEmpty()) {
            for (String copy : tags.get("z").split("\\|", -1)) {
                Optional<String> decoded = DkimQuotedPrintable.decode(copy);
                if (decoded.isEmpty() || decoded.get().indexOf(':') <= 0) {
                    return invalid("z= holds a malformed copied header field");
                }
                z.add(decoded.get());
            }
        }
        return new DkimParseResult.Ok<>(new DkimSignature(algorithm.get(), b.get(), bh.get(), headerCanon, bodyCanon,
                d, s, h, identity, l, q, t, x, z, tags));
    }

    /** field-name = 1*ftext; ftext = %d33-57 / %d59-126 (RFC 5322 §3.6.8). */
    static boolean isFieldName(String n) {
        if (n.isEmpty()) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String v, int max) {
        if (v.isEmpty() || v.length() > max) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 6376 §3.5 l= note: "test for integer overflow when decoding the value". */
    private static long saturatedLong(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static DkimParseResult<DkimSignature> invalid(String reason) {
        return new DkimParseResult.Invalid<>(reason);
    }
}
