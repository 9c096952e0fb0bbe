package smtp.auth;

import java.util.Locale;

/**
 * The policy a Domain Owner requests, RFC 7489 §6.3 ({@code p=}, {@code sp=}):
 * {@code none / quarantine / reject}; also the disposition applied to a message (Appendix C
 * DispositionType has the same three values).
 */
public enum DmarcPolicy {
    /** No specific action; monitoring only. */
    NONE,
    /** Treat failing mail as suspicious (e.g. deliver to a spam folder). */
    QUARANTINE,
    /** Reject failing mail during the SMTP transaction (RFC 7489 §10.3: 550 5.7.1). */
    REJECT;

    /** The keyword as written in records and reports. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** RFC 7489 §6.6.4: a message not selected by {@code pct} gets the next less strict policy. */
    public DmarcPolicy lessStrict() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }
}
