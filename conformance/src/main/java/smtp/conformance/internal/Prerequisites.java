package smtp.conformance.internal;

import java.util.Optional;
import smtp.conformance.Options;
import smtp.conformance.Scenario;
import smtp.conformance.Step;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;

/**
 * The checks made before a scenario connects: whether its transport fits the run's TLS mode,
 * and whether the run's options give every value its steps need (a recipient, credentials).
 *
 * <h2>Standards</h2>
 * RFC 3207 §4 (a scenario that tests STARTTLS starts in plaintext, which implicit TLS, RFC 8314
 * §3, rules out); RFC 4954 §4 (AUTH needs credentials, except a deliberately wrong password).
 *
 * <h2>Diagnostics</h2>
 * A missing prerequisite is an n/a reason naming the option to give; never throws.
 */
final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * What the scenario needs and this run cannot give, as the n/a reason; empty when nothing.
     */
    static Optional<String> missing(Scenario scenario, Target target, Options options) {
        if (scenario.transport() == Scenario.Transport.PLAIN && target.tls() == TlsMode.IMPLICIT) {
            return Optional.of("starts in plaintext (it tests STARTTLS), impossible with --tls implicit");
        }
        boolean needsTo = false;
        boolean needsCredentials = false;
        for (Step step : scenario.steps()) {
            switch (step) {
                case Step.Send s -> needsTo |= Bindings.needsRecipient(s.text());
                case Step.Body b -> needsTo |= Bindings.needsRecipient(b.size());
                case Step.Authenticate a -> needsCredentials |= !a.wrongPassword();
                case Step.Expect e -> { }
                case Step.StartTls t -> { }
                case Step.Pause p -> { }
                case Step.ExpectClose c -> { }
                case Step.Advertised a -> { }
            }
        }
        if (needsTo && options.to().isEmpty()) {
            return Optional.of(Bindings.NEEDS_TO);
        }
        if (needsCredentials && options.credentials().isEmpty()) {
            return Optional.of("needs --user and --password");
        }
        return Optional.empty();
    }
}
