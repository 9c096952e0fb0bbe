package smtp.server;

import java.util.Objects;

/**
 * One thing wrong with the configuration: where, which key, and why. Printed by {@code main}
 * as {@code <source>: <key>: <reason>} instead of a stack trace.
 *
 * @param source the configuration file (or {@code (defaults)})
 * @param key    the key at fault
 * @param reason what is wrong, with the value found and what is expected
 */
public record SettingsProblem(String source, String key, String reason) {

    public SettingsProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return source + ": " + key + ": " + reason;
    }
}
