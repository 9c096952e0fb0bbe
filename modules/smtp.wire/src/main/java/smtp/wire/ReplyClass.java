package smtp.wire;

/**
 * The first digit of a reply code, RFC 5321 §4.2.1.
 */
public enum ReplyClass {
    /** 2yz: the requested action has been successfully completed. */
    POSITIVE_COMPLETION,
    /** 3yz: the command has been accepted, but the requested action is being held in abeyance. */
    POSITIVE_INTERMEDIATE,
    /** 4yz: the command was not accepted; the error condition is temporary. */
    TRANSIENT_NEGATIVE_COMPLETION,
    /** 5yz: the command was not accepted and the requested action did not occur. */
    PERMANENT_NEGATIVE_COMPLETION;

    public static ReplyClass of(int code) {
        return switch (code / 100) {
            case 2 -> POSITIVE_COMPLETION;
            case 3 -> POSITIVE_INTERMEDIATE;
            case 4 -> TRANSIENT_NEGATIVE_COMPLETION;
            case 5 -> PERMANENT_NEGATIVE_COMPLETION;
            default -> throw new IllegalArgumentException("RFC 5321 §4.2.1: no class for " + code);
        };
    }
}
