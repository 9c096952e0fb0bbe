package smtp.server.internal.log;

import java.lang.System.Logger;
import java.util.Locale;

/**
 * The {@link System.LoggerFinder} of the MTA (a service of this module): every
 * {@link System.Logger} writes one line per event to standard error,
 * {@code <UTC time> <LEVEL> <logger>: <message>}, the form operators grep. Unlike
 * java.util.logging it keeps writing while the JVM shuts down, so the lines of a graceful
 * shutdown are not lost. The threshold is the system property {@code smtp.log.level}
 * (TRACE, DEBUG, INFO, WARNING, ERROR, OFF; default INFO).
 */
public final class ConsoleLoggerFinder extends System.LoggerFinder {

    private final Logger.Level threshold = threshold(System.getProperty("smtp.log.level", "INFO"));

    /** Called by the {@link java.util.ServiceLoader}. */
    public ConsoleLoggerFinder() {
    }

    @Override
    public Logger getLogger(String name, Module module) {
        return new ConsoleLogger(name, threshold);
    }

    private static Logger.Level threshold(String text) {
        try {
            return Logger.Level.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Logger.Level.INFO;
        }
    }
}
