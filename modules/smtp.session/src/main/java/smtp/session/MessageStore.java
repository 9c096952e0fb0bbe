package smtp.session;

import java.io.IOException;

/**
 * Where a {@link ServerSession} puts the messages it receives: the server module's spool, or an
 * in-memory store in tests and benchmarks.
 */
public interface MessageStore {

    /**
     * Opens a writer for the message of a transaction whose recipients are final (at DATA or
     * at the first BDAT).
     *
     * @throws IOException when no message can be stored now; the session answers 451 4.3.0
     */
    MessageWriter open(Envelope envelope) throws IOException;
}
