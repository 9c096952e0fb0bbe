package smtp.auth.internal.dmarc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.DmarcAlignment;
import smtp.auth.DmarcPolicy;
import smtp.auth.DmarcRecord;

/**
 * Parses a DMARC policy record, RFC 7489 §6.3 and §6.4 (the DKIM tag-list format, RFC 6376 §3.2).
 *
 * <pre>
 * dmarc-record    = dmarc-version dmarc-sep [dmarc-request] [dmarc-sep dmarc-srequest] ...
 * dmarc-version   = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31   ; "DMARC1", exact case
 * dmarc-sep       = *WSP %x3b *WSP
 * dmarc-request   = "p" *WSP "=" *WSP ( "none" / "quarantine" / "reject" )
 * dmarc-adkim     = "adkim" *WSP "=" *WSP ( "r" / "s" )
 * dmarc-ainterval = "ri" *WSP "=" *WSP 1*DIGIT
 * dmarc-fo        = "fo" *WSP "=" *WSP ( "0" / "1" / "d" / "s" ) *(*WSP ":" *WSP ( "0" / "1" / "d" / "s" ))
 * dmarc-rfmt      = "rf" *WSP "=" *WSP Keyword *(*WSP ":" Keyword)
 * dmarc-percent   = "pct" *WSP "=" *WSP 1*3DIGIT
 * dmarc-uri       = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
 * </pre>
 *
 * <h2>Diagnostics</h2>
 * {@link Result.NotDmarc} for a TXT record that does not start with {@code v=DMARC1} (§6.6.3:
 * "discarded"); {@link Result.Invalid} for a DMARC record without a valid {@code p=} (or with an
 * invalid {@code sp=}) and no valid {@code rua=} URI (§6.6.3 step 6: no DMARC processing).
 * Invalid values of other tags fall back to their defaults with a warning. Never throws.
 */
public final class DmarcRecordParser {

    private DmarcRecordParser() {
    }

    /** The outcome of parsing one TXT string. */
    public sealed interface Result permits Result.Valid, Result.NotDmarc, Result.Invalid {

        /** A usable policy record, with warnings about ignored tags. */
        record Valid(DmarcRecord record, List<String> warnings) implements Result {
            public Valid {
                Objects.requireNonNull(record, "record");
                warnings = List.copyOf(warnings);
            }
        }

        /** Not a DMARC record at all (does not begin with v=DMARC1). */
        record NotDmarc() implements Result {
        }

        /** A DMARC record that cannot be applied. */
        record Invalid(String reason) implements Result {
            public Invalid {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** True when the TXT string begins with the {@code v=DMARC1} tag (§6.6.3 steps 2 and 4). */
    public static boolean isDmarc(String txt) {
        int i = skipWsp(txt, 0);
        if (i >= txt.length() || txt.charAt(i) != 'v') {
            return false;
        }
        i = skipWsp(txt, i + 1);
        if (i >= txt.length() || txt.charAt(i) != '=') {
            return false;
        }
        i = skipWsp(txt, i + 1);
        if (!txt.startsWith("DMARC1", i)) {
            return false;
        }
        i = skipWsp(txt, i + 6);
        return i == txt.length() || txt.charAt(i) == ';';
    }

    /** Parses one TXT string. */
    public static Result parse(String txt) {
        if (!isDmarc(txt)) {
            return new Result.NotDmarc();
        }
        Map<String, String> tags = new HashMap<>();
        String[] specs = txt.split(";", -1);
        for (int k = 1; k < specs.length; k++) {
            String spec = specs[k].strip();
            if (spec.isEmpty()) {
                continue; // dmarc-sep allows a trailing ";" (and we tolerate empty specs)
            }
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                return new Result.Invalid("malformed tag-spec \"" + spec + "\"");
            }
            String name = spec.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = spec.substring(eq + 1).strip();
            // RFC 6376 §3.2 (referenced by RFC 7489 §6.4): "Tags with duplicate names MUST NOT occur
            // within a single tag-list; if a tag name does occur more than once, the entire tag-list is invalid."
            if (tags.put(name, value) != null) {
                return new Result.Invalid("tag \"" + name + "\" appears twice");
            }
        }
        List<String> warnings = new ArrayList<>();
        // rua: parsed first because §6.6.3 step 6 falls back to p=none when it holds a valid URI
        List<String> rua = uris(tags.get("rua"), "rua", warnings);
        List<String> ruf = uris(tags.get("ruf"), "ruf", warnings);
        Optional<DmarcPolicy> p = policy(tags.get("p"));
        boolean spPresent = tags.containsKey("sp");
        Optional<DmarcPolicy> sp = policy(tags.get("sp"));
        if (p.isEmpty() || (spPresent && sp.isEmpty())) {
            String why = p.isEmpty() ? "no valid p= tag" : "invalid sp= tag";
            if (rua.isEmpty()) {
                return new Result.Invalid(why + " and no valid rua= URI");
            }
            // §6.6.3 step 6.1: "if a "rua" tag is present and contains at least one syntactically
            // valid reporting URI, the Mail Receiver SHOULD act as if a record containing a valid
            // "v" tag and "p=none" was retrieved, and continue processing"
            warnings.add(why + ": acting as p=none (a valid rua= is present)");
            p = Optional.of(DmarcPolicy.NONE);
            sp = Optional.empty();
        }
        DmarcAlignment adkim = alignment(tags.get("adkim"), "adkim", warnings);
        DmarcAlignment aspf = alignment(tags.get("aspf"), "aspf", warnings);
        int pct = 100;
        String pctText = tags.get("pct");
        if (pctText != null) {
            if (pctText.matches("[0-9]{1,3}") && Integer.parseInt(pctText) <= 100) {
                pct = Integer.parseInt(pctText);
            } else {
                warnings.add("invalid pct=" + pctText + ": using 100");
            }
        }
        List<String> fo = List.of("0");
        String foText = tags.get("fo");
        if (foText != null) {
            List<String> opts = List.of(foText.split("\\s*:\\s*", -1));
            if (opts.stream().allMatch(o -> o.equals("0") || o.equals("1") || o.equals("d") || o.equals("s"))) {
                fo = opts;
            } else {
                warnings.add("invalid fo=" + foText + ": using 0");
            }
        }
        List<String> rf = List.of("afrf");
        String rfText = tags.get("rf");
        if (rfText != null) {
            List<String> formats = List.of(rfText.split("\\s*:\\s*", -1));
            if (formats.stream().allMatch(f -> f.matches("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"))) {
                rf = formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
            } else {
                warnings.add("invalid rf=" + rfText + ": using afrf");
            }
        }
        long ri = 86400;
        String riText = tags.get("ri");
        if (riText != null) {
            if (riText.matches("[0-9]{1,10}")) {
                ri = Long.parseLong(riText);
            } else {
                warnings.add("invalid ri=" + riText + ": using 86400");
            }
        }
        return new Result.Valid(new DmarcRecord(p.get(), sp, adkim, aspf, pct, rua, ruf, fo, rf, ri), warnings);
    }

    private static Optional<DmarcPolicy> policy(String v) {
        if (v == null) {
            return Optional.empty();
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(DmarcPolicy.NONE);
            case "quarantine" -> Optional.of(DmarcPolicy.QUARANTINE);
            case "reject" -> Optional.of(DmarcPolicy.REJECT);
            default -> Optional.empty();
        };
    }

    private static DmarcAlignment alignment(String v, String tag, List<String> warnings) {
        if (v == null) {
            return DmarcAlignment.RELAXED;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "r" -> {
                return DmarcAlignment.RELAXED;
            }
            case "s" -> {
                return DmarcAlignment.STRICT;
            }
            default -> {
                warnings.add("invalid " + tag + "=" + v + ": using r");
                return DmarcAlignment.RELAXED;
            }
        }
    }

    /** dmarc-uri list: each a URI with a scheme, optionally followed by "!" size; invalid ones are dropped. */
    private static List<String> uris(String v, String tag, List<String> warnings) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String u : v.split(",", -1)) {
            String uri = u.strip();
            String bare = uri.replaceFirst("![0-9]+[kmgtKMGT]?$", "");
            try {
                URI parsed = new URI(bare);
                if (parsed.getScheme() != null && !bare.isEmpty()) {
                    out.add(uri);
                    continue;
                }
            } catch (URISyntaxException e) {
                // fall through: reported below
            }
            warnings.add("invalid " + tag + " URI \"" + uri + "\" ignored");
        }
        return out;
    }

    private static int skipWsp(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
