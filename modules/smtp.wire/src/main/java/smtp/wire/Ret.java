package smtp.wire;

/** The {@code RET=} parameter of MAIL, RFC 3461 §4.3: return the full message or only its headers in a DSN. */
public enum Ret {
    FULL,
    HDRS
}
