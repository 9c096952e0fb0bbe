package smtp.server;

import java.util.List;
import java.util.Objects;

/** The outcome of reading a configuration: valid settings, or the problems found (all of them). */
public sealed interface SettingsResult permits SettingsResult.Valid, SettingsResult.Invalid {

    /** Every key is valid. */
    record Valid(ServerSettings settings) implements SettingsResult {
        public Valid {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /** At least one key is wrong (or the file cannot be read). */
    record Invalid(List<SettingsProblem> problems) implements SettingsResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result names its problems");
            }
        }
    }
}
