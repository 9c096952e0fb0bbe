package smtp.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and local values for SPF evaluation, each with the RFC's default.
 *
 * <h2>Standards</h2>
 * RFC 7208 §4.6.4 (10 DNS-querying terms, 2 void lookups, at least 20 seconds of elapsed time),
 * §6.2 (the default explanation), §7.3 (the {@code r} and {@code t} macros).
 *
 * @param dnsTermLimit       terms that cause DNS queries (include, a, mx, ptr, exists, redirect) per
 *                           check; §4.6.4: "MUST limit ... to at most 10"
 * @param voidLookupLimit    lookups answering NXDOMAIN or no records; §4.6.4: "SHOULD limit ... to
 *                           two", configurable, "a default of two is RECOMMENDED"
 * @param timeLimit          elapsed time for one check; §4.6.4: "SHOULD allow at least 20 seconds",
 *                           exceeding it gives temperror
 * @param defaultExplanation explain-string used for "fail" when the domain publishes no usable
 *                           {@code exp=} (macros allowed, e.g. {@code %{o}}); §6.2
 * @param receiver           the receiving host's domain, the {@code %{r}} macro (§7.3: "unknown" if
 *                           not available)
 * @param clock              for {@code %{t}} and the time limit
 */
public record SpfConfig(int dnsTermLimit, int voidLookupLimit, Duration timeLimit, String defaultExplanation,
                        String receiver, Clock clock) {

    /** The default explanation: names the domain and the client, as §6.2 suggests. */
    public static final String DEFAULT_EXPLANATION = "%{o} does not designate %{c} as a permitted sender";

    public SpfConfig {
        if (dnsTermLimit < 1 || voidLookupLimit < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(defaultExplanation, "defaultExplanation");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(clock, "clock");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
    }

    /** The RFC 7208 defaults: 10 terms, 2 void lookups, 20 seconds, receiver "unknown", system clock. */
    public static SpfConfig defaults() {
        return new SpfConfig(10, 2, Duration.ofSeconds(20), DEFAULT_EXPLANATION, "unknown", Clock.systemUTC());
    }

    /** A copy with another {@code %{r}} value. */
    public SpfConfig withReceiver(String receiver) {
        return new SpfConfig(dnsTermLimit, voidLookupLimit, timeLimit, defaultExplanation, receiver, clock);
    }

    /** A copy with another default explanation. */
    public SpfConfig withDefaultExplanation(String explanation) {
        return new SpfConfig(dnsTermLimit, voidLookupLimit, timeLimit, explanation, receiver, clock);
    }

    /** A copy with another clock (tests). */
    public SpfConfig withClock(Clock clock) {
        return new SpfConfig(dnsTermLimit, voidLookupLimit, timeLimit, defaultExplanation, receiver, clock);
    }
}
