package smtp.queue;

/** Removed when this module gets its first real type (a module must export a non-empty package). */
final class Placeholder {
    private Placeholder() {
    }
}
