package smtp.wire.internal;

import java.io.IOException;
import java.io.OutputStream;

/** TODO(issue 2): placeholder until the encoder lands; replaced before this change is merged. */
public final class DotStuffer {
    public DotStuffer(OutputStream out) { }
    public void write(int b) throws IOException { throw new UnsupportedOperationException("not yet implemented"); }
    public void write(byte[] b, int off, int len) throws IOException { throw new UnsupportedOperationException("not yet implemented"); }
    public void finish() throws IOException { throw new UnsupportedOperationException("not yet implemented"); }
}
