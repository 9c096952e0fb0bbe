package smtp.auth.internal.dkim;

import java.util.concurrent.ConcurrentHashMap;
import smtp.auth.DkimKeyRecord;
import smtp.auth.DkimParseResult;

/**
 * Parsed key records by their TXT text, so that decoding a public key (ASN.1, KeyFactory)
 * happens once per distinct record rather than once per message. The DNS answer itself is
 * not cached here: that is the resolver's job, which honours TTLs. Bounded: cleared when full.
 */
public final class KeyCache {

    private static final int MAX_ENTRIES = 4096;
    private final ConcurrentHashMap<String, DkimParseResult<DkimKeyRecord>> parsed = new ConcurrentHashMap<>();

    /** The parse of {@code txt}, from the cache when seen before. */
    public DkimParseResult<DkimKeyRecord> parse(String txt) {
        DkimParseResult<DkimKeyRecord> r = parsed.get(txt);
        if (r == null) {
            r = KeyRecordSyntax.parse(txt);
            if (parsed.size() >= MAX_ENTRIES) {
                parsed.clear();
            }
            parsed.put(txt, r);
        }
        return r;
    }
}
