package smtp.wire;

/** The {@code BODY=} parameter of MAIL: RFC 6152 §2 (7BIT, 8BITMIME) and RFC 3030 §3 (BINARYMIME). */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME"),
    BINARY_MIME("BINARYMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    /** The value as written after {@code BODY=}. */
    public String keyword() {
        return keyword;
    }
}
