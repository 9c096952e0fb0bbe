package smtp.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import smtp.server.internal.config.SettingsParser;

/**
 * Reads the configuration: a Java properties file ({@code --config FILE}), or the embedded
 * defaults. Relative paths in values are resolved against the working directory.
 *
 * <h2>Diagnostics</h2>
 * Never throws for bad content: every wrong key is a {@link SettingsProblem} naming the file,
 * the key and the reason; an unreadable file is one too.
 */
public final class Settings {

    /** The {@link ServerSettings#source()} of the embedded defaults. */
    public static final String DEFAULTS = "(defaults)";

    private Settings() {
    }

    /** The embedded defaults (no {@code --config}). */
    public static ServerSettings defaults() {
        return switch (parse(new Properties(), DEFAULTS)) {
            case SettingsResult.Valid v -> v.settings();
            case SettingsResult.Invalid i -> throw new IllegalStateException("the defaults are invalid: " + i.problems());
        };
    }

    /** Reads {@code file} (UTF-8 properties) and validates it. */
    public static SettingsResult load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            return new SettingsResult.Invalid(List.of(new SettingsProblem(file.toString(), "(file)", "cannot read: " + why)));
        }
        return parse(p, file.toString());
    }

    /** Validates {@code properties}; keys missing from it take their defaults. */
    public static SettingsResult parse(Properties properties, String source) {
        return new SettingsParser(properties, source).parse();
    }
}
