package smtp.wire.internal;

import java.util.List;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/** TODO(issue 2): placeholder until the parser lands; replaced before this change is merged. */
public final class ReplySyntax {
    private ReplySyntax() {
    }

    public static ParseResult<Reply> parse(List<String> lines) { throw new UnsupportedOperationException("not yet implemented"); }
    public static ParseResult<Reply> parse(String wire) { throw new UnsupportedOperationException("not yet implemented"); }
}
