package smtp.wire.internal;

import java.util.List;
import smtp.wire.HeaderAddress;
import smtp.wire.ParseResult;

/** TODO(issue 2): placeholder until the parser lands; replaced before this change is merged. */
public final class AddressSyntax {
    private AddressSyntax() {
    }

    public static ParseResult<List<HeaderAddress>> parseList(String value) { throw new UnsupportedOperationException("not yet implemented"); }
}
