package smtp.queue.internal;

/**
 * Thrown inside the spool readers when a field cannot be decoded; caught at the top of each
 * reader and turned into {@link Decoded.Corrupt}. Never escapes this package's readers.
 */
final class CorruptFileException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptFileException(String message) {
        super(message, null, false, false);
    }
}
