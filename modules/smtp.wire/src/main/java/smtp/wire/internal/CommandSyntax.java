package smtp.wire.internal;

import smtp.wire.Command;
import smtp.wire.ParseResult;

/** TODO(issue 2): placeholder until the parser lands; replaced before this change is merged. */
public final class CommandSyntax {
    private CommandSyntax() {
    }

    public static ParseResult<Command> parse(byte[] line, int offset, int length) { throw new UnsupportedOperationException("not yet implemented"); }
}
