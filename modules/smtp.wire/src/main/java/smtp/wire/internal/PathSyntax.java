package smtp.wire.internal;

import smtp.wire.*;

/** TODO(issue 2): placeholder until the parser lands; replaced before this change is merged. */
public final class PathSyntax {
    private PathSyntax() {
    }

    public static ParseResult<Host> parseHost(String text) { throw new UnsupportedOperationException("not yet implemented"); }
    public static ParseResult<Domain> parseDomain(String text) { throw new UnsupportedOperationException("not yet implemented"); }
    public static ParseResult<Mailbox> parseMailbox(String text) { throw new UnsupportedOperationException("not yet implemented"); }
    public static ParseResult<ReversePath> parseReversePath(String text) { throw new UnsupportedOperationException("not yet implemented"); }
    public static ParseResult<ForwardPath> parseForwardPath(String text) { throw new UnsupportedOperationException("not yet implemented"); }
    public static String unquote(String localPart) { throw new UnsupportedOperationException("not yet implemented"); }
}
