package smtp.dns;

/**
 * The DNS record types that mail uses, RFC 1035 §3.2.2 and RFC 3596 §2.1 (AAAA); used to aim a
 * failure of an {@link InMemoryResolver} at one type only.
 */
public enum RecordType {
    /** IPv4 host address, RFC 1035 §3.4.1 (type 1). */
    A(1),
    /** IPv6 host address, RFC 3596 §2.1 (type 28). */
    AAAA(28),
    /** Mail exchange, RFC 1035 §3.3.9 (type 15). */
    MX(15),
    /** Text strings, RFC 1035 §3.3.14 (type 16). */
    TXT(16),
    /** Domain name pointer, RFC 1035 §3.3.12 (type 12). */
    PTR(12),
    /** Canonical name (alias), RFC 1035 §3.3.1 (type 5). */
    CNAME(5);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The type's number on the wire (the IANA "Resource Record (RR) TYPEs" registry). */
    public int code() {
        return code;
    }
}
