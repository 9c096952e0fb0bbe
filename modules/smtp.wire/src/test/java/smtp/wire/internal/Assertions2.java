package smtp.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import smtp.wire.Command;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/** Small assertion helpers for the syntax tests. */
final class Assertions2 {

    private Assertions2() {
    }

    /** Parses a command line and asserts it is an Ok of the given type. */
    static <T extends Command> T command(Class<T> type, String line) {
        ParseResult<Command> r = Command.parse(line);
        ParseResult.Ok<?> ok = assertInstanceOf(ParseResult.Ok.class, r, () -> line + " -> " + r);
        return assertInstanceOf(type, ok.value(), line);
    }

    /** Asserts the result is Invalid with the given code and enhanced status. */
    static Reply rejected(ParseResult<?> r, int code, String status) {
        ParseResult.Invalid<?> bad = assertInstanceOf(ParseResult.Invalid.class, r, () -> "expected " + code + " but " + r);
        assertEquals(code, bad.reply().code(), () -> bad.reply().toString());
        assertEquals(status, bad.reply().status().orElseThrow().toString(), () -> bad.reply().toString());
        return bad.reply();
    }

    /** Asserts the command line is rejected with the given code and enhanced status. */
    static Reply rejected(String line, int code, String status) {
        return rejected(Command.parse(line), code, status);
    }
}
