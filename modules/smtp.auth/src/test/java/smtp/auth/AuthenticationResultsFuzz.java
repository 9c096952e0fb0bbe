package smtp.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzz target: the Authentication-Results parser never throws, and what it parses formats and re-parses to itself. */
class AuthenticationResultsFuzz {

    @FuzzTest(maxDuration = "10s")
    void parserNeverThrowsAndRoundTrips(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        if (AuthenticationResults.parse(s) instanceof AuthResultsParse.Ok ok) {
            AuthResultsParse again = AuthenticationResults.parse(ok.value().format());
            if (!again.equals(ok)) {
                throw new AssertionError("format/parse round trip broke for: " + s + " -> " + ok.value().format());
            }
        }
    }
}
