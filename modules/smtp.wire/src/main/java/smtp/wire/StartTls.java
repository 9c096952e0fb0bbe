package smtp.wire;

/** {@code STARTTLS} with no parameters, RFC 3207 §4 (a parameter gets 501). */
public record StartTls() implements Command {

    @Override
    public String verb() {
        return "STARTTLS";
    }

    @Override
    public String format() {
        return "STARTTLS";
    }
}
