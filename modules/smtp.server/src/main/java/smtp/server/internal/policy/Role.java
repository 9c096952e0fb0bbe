package smtp.server.internal.policy;

/**
 * What a listener is for.
 *
 * <h2>Standards</h2>
 * RFC 5321 (port 25: MTA to MTA, relay control, no AUTH); RFC 6409 §3 and RFC 4954 (port 587:
 * message submission, AUTH required; RFC 3207 §4 lets it require STARTTLS first); RFC 8314 §3.3
 * (port 465: submission over implicit TLS, "TLS negotiation starts immediately after the
 * connection").
 */
public enum Role {
    /** MTA to MTA: STARTTLS offered, no AUTH, mail only for local domains (or from relay.networks). */
    SMTP("smtp", false, false),
    /** Submission: STARTTLS required before anything else, then AUTH before MAIL. */
    SUBMISSION("submission", false, true),
    /** Submission over implicit TLS (RFC 8314): TLS from the first octet, then AUTH before MAIL. */
    SUBMISSIONS("submissions", true, true);

    private final String label;
    private final boolean implicitTls;
    private final boolean submission;

    Role(String label, boolean implicitTls, boolean submission) {
        this.label = label;
        this.implicitTls = implicitTls;
        this.submission = submission;
    }

    /** The name in logs. */
    public String label() {
        return label;
    }

    /** TLS from the first octet (RFC 8314). */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** A submission role: AUTH required, senders checked, DKIM signing, no inbound checks. */
    public boolean submission() {
        return submission;
    }
}
