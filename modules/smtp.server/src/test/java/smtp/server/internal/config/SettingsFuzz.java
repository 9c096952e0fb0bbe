package smtp.server.internal.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import smtp.server.HostPort;
import smtp.server.Network;
import smtp.server.Settings;
import smtp.server.SettingsResult;
import smtp.server.internal.store.SpoolMessageFuzzSupport;

/**
 * The parsers of the configuration and the message header splitter never throw for any input:
 * bad values are {@link smtp.server.SettingsProblem}s, bad text parses to empty.
 */
class SettingsFuzz {

    @FuzzTest(maxDuration = "10s")
    void configurationFileNeverThrows(byte[] input) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(input, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return; // not a properties file: Settings.load reports it as a problem
        }
        SettingsResult r = Settings.parse(p, "fuzz");
        if (r instanceof SettingsResult.Invalid i && i.problems().isEmpty()) {
            throw new IllegalStateException("an invalid result without problems");
        }
    }

    @FuzzTest(maxDuration = "5s")
    void valuesNeverThrow(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        HostPort.parse(s);
        Network.parse(s);
        Values.duration(s);
        Values.size(s);
        Values.bool(s);
        Values.integer(s, 0, 100);
    }

    @FuzzTest(maxDuration = "10s")
    void headerSplittingNeverThrows(byte[] input) throws IOException {
        SpoolMessageFuzzSupport.store(input);
    }
}
