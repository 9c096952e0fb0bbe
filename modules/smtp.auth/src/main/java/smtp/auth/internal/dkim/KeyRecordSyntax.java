package smtp.auth.internal.dkim;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smtp.auth.DkimKeyRecord;
import smtp.auth.DkimParseResult;

/**
 * Parses a DKIM key record (RFC 6376 §3.6.1) into a {@link DkimKeyRecord}.
 *
 * <h2>Diagnostics</h2>
 * Never throws; every problem is a {@link DkimParseResult.Invalid} ("key syntax error",
 * RFC 6376 §6.1.2 step 5).
 */
public final class KeyRecordSyntax {

    private KeyRecordSyntax() {
    }

    public static DkimParseResult<DkimKeyRecord> parse(String txt) {
        DkimParseResult<Map<String, String>> list = TagList.parse(txt);
        if (!(list instanceof DkimParseResult.Ok<Map<String, String>> ok)) {
            return invalid("key syntax error: " + ((DkimParseResult.Invalid<?>) list).reason());
        }
        Map<String, String> tags = ok.value();
        // RFC 6376 §3.6.1 v=: "If specified, this tag MUST be set to "DKIM1" ... This tag MUST be
        // the first tag in the record. Records beginning with a "v=" tag with any other value
        // MUST be discarded."
        if (tags.containsKey("v")) {
            Iterator<String> first = tags.keySet().iterator();
            if (!first.next().equals("v")) {
                return invalid("key syntax error: v= is not the first tag");
            }
            if (!tags.get("v").equals("DKIM1")) {
                return invalid("unsupported key record version v=" + tags.get("v"));
            }
        }
        // RFC 6376 §3.6.1 k=: default "rsa"; RFC 8463 §4.2 adds "ed25519". Unknown types cannot be used.
        String k = tags.getOrDefault("k", "rsa");
        Optional<DkimKeyRecord.KeyType> type = DkimKeyRecord.KeyType.fromTag(k);
        if (type.isEmpty()) {
            return invalid("unsupported key type k=" + k);
        }
        // RFC 6376 §3.6.1 p=: REQUIRED; empty means revoked.
        if (!tags.containsKey("p")) {
            return invalid("key syntax error: no p= tag");
        }
        Optional<PublicKey> key = Optional.empty();
        String p = TagList.removeWhitespace(tags.get("p"));
        if (!p.isEmpty()) {
            Optional<byte[]> der = Base64Value.decode(p);
            if (der.isEmpty()) {
                return invalid("key syntax error: p= is not base64");
            }
            key = PublicKeyDecoder.decode(type.get(), der.get());
            if (key.isEmpty()) {
                // RFC 6376 §6.1.2 step 8: PERMFAIL (inappropriate key algorithm)
                return invalid("p= is not a " + k + " public key");
            }
        }
        return new DkimParseResult.Ok<>(new DkimKeyRecord(type.get(), colonList(tags.get("h")), key,
                tags.containsKey("s") ? colonList(tags.get("s")) : List.of("*"), colonList(tags.get("t")),
                tags.getOrDefault("n", ""), tags));
    }

    /** A colon-separated list with optional FWS around the colons (h=, s=, t=). */
    private static List<String> colonList(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String item : value.split(":", -1)) {
            String s = item.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static DkimParseResult<DkimKeyRecord> invalid(String reason) {
        return new DkimParseResult.Invalid<>(reason);
    }
}
