package smtp.server.internal.log;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** One named logger of {@link ConsoleLoggerFinder}: a line per event on standard error. */
final class ConsoleLogger implements System.Logger {

    private static final Object LOCK = new Object();

    private final String name;
    private final Level threshold;

    ConsoleLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && threshold != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            write(level, localized(bundle, msg), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String text = localized(bundle, format);
            if (params != null && params.length > 0) {
                try {
                    text = MessageFormat.format(text, params);
                } catch (IllegalArgumentException e) {
                    // a message that is not a MessageFormat pattern is written as it is
                }
            }
            write(level, text, null);
        }
    }

    @Override
    public void log(Level level, Supplier<String> supplier) {
        if (isLoggable(level)) {
            write(level, supplier.get(), null);
        }
    }

    private static String localized(ResourceBundle bundle, String msg) {
        if (bundle != null && msg != null && bundle.containsKey(msg)) {
            return bundle.getString(msg);
        }
        return msg;
    }

    private void write(Level level, String text, Throwable thrown) {
        String line = Instant.now() + " " + level.getName() + " " + name + ": " + text
                + (thrown == null ? "" : " (" + thrown + ")");
        PrintStream err = System.err;
        synchronized (LOCK) {
            err.println(line);
            // The stack trace is for developers: only when the threshold is DEBUG or lower.
            if (thrown != null && threshold.getSeverity() <= Level.DEBUG.getSeverity()) {
                thrown.printStackTrace(err);
            }
        }
    }
}
