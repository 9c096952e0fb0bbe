package smtp.wire;

/** The null reverse-path {@code <>}, RFC 5321 §4.1.2 and §4.5.5. */
public record NullPath() implements ReversePath {

    @Override
    public String toString() {
        return "<>";
    }
}
