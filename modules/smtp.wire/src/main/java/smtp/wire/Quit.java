package smtp.wire;

/** {@code quit = "QUIT" CRLF}, RFC 5321 §4.1.1.10. */
public record Quit() implements Command {

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public String format() {
        return "QUIT";
    }
}
