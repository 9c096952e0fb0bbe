package smtp.wire.internal;

import java.io.OutputStream;
import smtp.wire.DataOutcome;
import smtp.wire.DataPolicy;

/** TODO(issue 2): placeholder until the decoder lands; replaced before this change is merged. */
public final class DotUnstuffer {
    public DotUnstuffer(DataPolicy policy, OutputStream sink) { }
    public int feed(byte[] buf, int off, int len) throws java.io.IOException { throw new UnsupportedOperationException("not yet implemented"); }
    public boolean isDone() { throw new UnsupportedOperationException("not yet implemented"); }
    public DataOutcome outcome() { throw new UnsupportedOperationException("not yet implemented"); }
}
