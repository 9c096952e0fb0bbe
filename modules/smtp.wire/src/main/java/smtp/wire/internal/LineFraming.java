package smtp.wire.internal;

import java.util.Optional;
import smtp.wire.LineFramer;

/** TODO(issue 2): placeholder until the framer lands; replaced before this change is merged. */
public final class LineFraming {
    public LineFraming(int maxOctets) { }
    public void maxOctets(int maxOctets) { throw new UnsupportedOperationException("not yet implemented"); }
    public int feed(byte[] buf, int off, int len) { throw new UnsupportedOperationException("not yet implemented"); }
    public Optional<LineFramer.Framed> take() { throw new UnsupportedOperationException("not yet implemented"); }
    public int pending() { throw new UnsupportedOperationException("not yet implemented"); }
}
