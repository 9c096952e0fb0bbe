package smtp.auth;

import java.util.Locale;

/**
 * The DMARC result, RFC 7489 §11.2 (Authentication-Results {@code dmarc=} values).
 */
public enum DmarcResult {
    /** An aligned identifier passed SPF or DKIM. */
    PASS,
    /** A policy was found and no aligned identifier passed. */
    FAIL,
    /** No DMARC policy record was published (or the message had no Author Domain to check). */
    NONE,
    /** A temporary DNS error prevented policy discovery. */
    TEMPERROR,
    /** A permanent error: an unusable policy record, several records, or a malformed From: field. */
    PERMERROR;

    /** The lower-case keyword. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
