package smtp.wire;

/**
 * The size limits of RFC 5321 §4.5.3.1. "To the maximum extent possible, implementation
 * techniques that impose no limits on the length of these objects should be used", but
 * every object has a minimum maximum that implementations MUST accept; a server that
 * enforces a limit uses exactly these values.
 */
public final class Limits {

    private Limits() {
    }

    /** RFC 5321 §4.5.3.1.1: the maximum total length of a user name or other local-part is 64 octets. */
    public static final int LOCAL_PART = 64;

    /** RFC 5321 §4.5.3.1.2: the maximum total length of a domain name or number is 255 octets. */
    public static final int DOMAIN = 255;

    /** RFC 5321 §4.5.3.1.3: the maximum total length of a reverse-path or forward-path is 256 octets (including the punctuation and element separators). */
    public static final int PATH = 256;

    /** RFC 5321 §4.5.3.1.4: the maximum total length of a command line including the command word and the &lt;CRLF&gt; is 512 octets. */
    public static final int COMMAND_LINE = 512;

    /** RFC 5321 §4.5.3.1.5: the maximum total length of a reply line including the reply code and the &lt;CRLF&gt; is 512 octets. */
    public static final int REPLY_LINE = 512;

    /** RFC 5321 §4.5.3.1.6: the maximum total length of a text line including the &lt;CRLF&gt; is 1000 octets. */
    public static final int TEXT_LINE = 1000;

    /** RFC 5321 §4.5.3.1.8: the minimum total number of recipients that MUST be buffered is 100. */
    public static final int MIN_RECIPIENTS = 100;

    /** RFC 4954 §4: the 12288-octet bound that a server SHOULD accept for an AUTH line (with initial response). */
    public static final int AUTH_LINE = 12288;
}
