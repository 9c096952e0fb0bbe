package smtp.wire;

/** {@code rset = "RSET" CRLF}, RFC 5321 §4.1.1.5. */
public record Rset() implements Command {

    @Override
    public String verb() {
        return "RSET";
    }

    @Override
    public String format() {
        return "RSET";
    }
}
