package smtp.server;

/**
 * The server could not start because of a configured value that does not work at run time (a
 * port in use, an unreadable key file, a spool owned by another process): names the
 * configuration source and key, so that {@code main} prints one line instead of a stack trace.
 */
public final class ServerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SettingsProblem problem;

    public ServerStartException(String source, String key, String reason, Throwable cause) {
        super(source + ": " + key + ": " + reason, cause);
        this.problem = new SettingsProblem(source, key, reason);
    }

    /** The source, key and reason. */
    public SettingsProblem problem() {
        return problem;
    }
}
