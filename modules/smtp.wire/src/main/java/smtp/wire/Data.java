package smtp.wire;

/** {@code data = "DATA" CRLF}, RFC 5321 §4.1.1.4. */
public record Data() implements Command {

    @Override
    public String verb() {
        return "DATA";
    }

    @Override
    public String format() {
        return "DATA";
    }
}
