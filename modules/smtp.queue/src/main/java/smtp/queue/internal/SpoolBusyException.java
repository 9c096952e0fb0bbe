package smtp.queue.internal;

import java.io.IOException;
import java.nio.file.Path;

/** The spool is owned by a running queue (its lock is held): talk to it through its control socket. */
public final class SpoolBusyException extends IOException {

    private static final long serialVersionUID = 1L;

    public SpoolBusyException(Path spool) {
        super("spool " + spool + " is in use by another queue process");
    }
}
