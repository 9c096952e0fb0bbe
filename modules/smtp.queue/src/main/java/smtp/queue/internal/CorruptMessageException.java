package smtp.queue.internal;

import java.io.IOException;

/** A message file failed its integrity check while being read for delivery; it is quarantined. */
public final class CorruptMessageException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptMessageException(String message) {
        super(message);
    }
}
