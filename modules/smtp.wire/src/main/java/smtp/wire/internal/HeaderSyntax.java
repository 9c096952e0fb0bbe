package smtp.wire.internal;

import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;

/** TODO(issue 2): placeholder until the parser lands; replaced before this change is merged. */
public final class HeaderSyntax {
    private HeaderSyntax() {
    }

    public static ParseResult<HeaderSection> parse(byte[] message, int off, int len) { throw new UnsupportedOperationException("not yet implemented"); }
}
