package smtp.wire;

/**
 * {@code <Postmaster>} without a domain, RFC 5321 §4.1.1.3 and §4.5.1: it means the
 * postmaster of the receiving host, and every SMTP server MUST accept it.
 */
public record Postmaster() implements ForwardPath {

    @Override
    public String toString() {
        return "<Postmaster>";
    }
}
