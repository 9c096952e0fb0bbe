package smtp.conformance.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.conformance.ClientText;
import smtp.conformance.Options;
import smtp.conformance.Outcome;
import smtp.conformance.Scenario;
import smtp.conformance.Step;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;
import smtp.wire.Reply;

/**
 * Decides a scenario that a server stopped with "530 Authentication required": n/a with a
 * reason, a failure, or the outcome of the scenario run again authenticated.
 *
 * <h2>Standards</h2>
 * RFC 4954 §6: a server whose policy requires authentication answers other commands (MAIL,
 * typically, on a submission port: RFC 6409 §4.3) with "530 5.7.0 Authentication required". A
 * scenario that fails at a 530 is therefore not a failure of the rule it checks: with
 * {@code --user}/{@code --password} it is run once more on a new connection, authenticating
 * right after each EHLO that advertises AUTH (PLAIN, else LOGIN; RFC 4954 §4), and that run
 * decides; without credentials it is n/a with that reason, and so is a scenario that reaches the
 * 530 without an EHLO to authenticate after. A 530 after an EHLO that offers STARTTLS but no AUTH
 * means "Must issue a STARTTLS command first" (RFC 3207 §4): n/a in a plaintext run. The
 * repetition happens only when the first run sent no message text, so the bound on messages
 * holds. In that authenticated run, a MAIL refused with 5.7.1 (the user may not send as that
 * address: a submission server's sender policy, RFC 6409 §6.1 and RFC 3463 X.7.1) makes the
 * scenario n/a, because the rule it checks is not the sender's authorization. A scenario that
 * sends AUTH itself is n/a rather than repeated: after the runner's AUTH its own would be a
 * second one, which RFC 4954 §4 answers 503 whatever the scenario checks. In a scenario that
 * upgrades with STARTTLS, the runner authenticates only inside TLS (no credentials in clear
 * text before an upgrade the scenario makes anyway).
 * A server that answers 530 but offers no AUTH (in the EHLO reply before the 530, or, for a
 * scenario with HELO only, in the first connection's EHLO reply) gives the client no way to
 * comply: that stays a failure.
 *
 * <h2>Diagnostics</h2>
 * Every decision is an {@link Outcome}; the n/a reasons start with {@link #AUTH_REQUIRED} (or
 * name STARTTLS or the sender policy), and the repetition is noted in the transcript. Never
 * throws for anything a server does.
 */
public final class AuthenticationRequired {

    /** The n/a reason when the server requires AUTH. */
    public static final String AUTH_REQUIRED = "the server requires AUTH before this step (530, RFC 4954 §6; submission, "
            + "RFC 6409 §4.3)";

    private final Target target;
    private final Options options;
    private final Scenario scenario;
    /** The EHLO lines of the run's first connection ({@link Preflight}); empty when unknown. */
    private final List<String> advertised;
    private final Transcript transcript;

    AuthenticationRequired(Target target, Options options, Scenario scenario, List<String> advertised,
                           Transcript transcript) {
        this.target = target;
        this.options = options;
        this.scenario = scenario;
        this.advertised = advertised;
        this.transcript = transcript;
    }

    /**
     * The outcome of a scenario whose run failed at a 530 reply (see the class documentation).
     *
     * @param failed          the failure of that run
     * @param ehloAt530       the EHLO keywords seen before the 530 ({@link EhloKeywords#NONE} after HELO only)
     * @param messageTextSent whether that run sent message text that may have been accepted
     */
    Outcome outcome(Outcome failed, EhloKeywords ehloAt530, boolean messageTextSent) {
        // RFC 3207 §4: 530 "Must issue a STARTTLS command first".
        if (!ehloAt530.has("AUTH") && ehloAt530.has("STARTTLS") && target.tls() == TlsMode.NONE) {
            return new Outcome.NotApplicable("the server requires STARTTLS first (530, RFC 3207 §4); run with --tls starttls");
        }
        // NONE (by identity) means no EHLO reply was seen before the 530 (HELO only): then the
        // first connection's EHLO reply tells whether the server offers AUTH at all.
        if (ehloAt530 != EhloKeywords.NONE ? !ehloAt530.has("AUTH") : !advertised.isEmpty() && !offersAuth(advertised)) {
            return failed;
        }
        if (options.credentials().isEmpty()) {
            return new Outcome.NotApplicable(AUTH_REQUIRED + "; give --user and --password to run it authenticated");
        }
        if (messageTextSent) {
            return failed;
        }
        if (sendsAuth(scenario)) {
            return new Outcome.NotApplicable(AUTH_REQUIRED + ", and this scenario sends AUTH itself: after the runner's AUTH "
                    + "it would be a second AUTH, which RFC 4954 §4 answers 503 whatever the scenario checks");
        }
        transcript.note("530: the server requires AUTH (RFC 4954 §6); the scenario again on a new connection, with AUTH as "
                + options.credentials().get().user() + " after each EHLO that advertises it");
        ScenarioExecution again = new ScenarioExecution(target, options, scenario, advertised, true, transcript);
        Outcome second = again.outcome();
        if (second instanceof Outcome.Fail && again.stoppedAt530Unauthenticated()) {
            return new Outcome.NotApplicable(AUTH_REQUIRED + ", and the scenario gets there without an EHLO that offers AUTH");
        }
        return second;
    }

    /**
     * True when the repeated run authenticates after this EHLO reply: it advertises AUTH, and
     * either the session is in TLS or the scenario does not upgrade with STARTTLS later.
     */
    static boolean authenticatesAfter(EhloKeywords ehlo, boolean inTls, Scenario scenario) {
        return ehlo.has("AUTH") && (inTls || scenario.steps().stream().noneMatch(step -> step instanceof Step.StartTls));
    }

    /**
     * The repeated run's AUTH right after the EHLO reply (PLAIN if advertised, else LOGIN),
     * which must end with 235 (RFC 4954 §4, §6).
     *
     * @param index the scenario step of that EHLO reply, to report a failure at
     * @return the outcome when authentication did not succeed; empty when it did
     */
    static Optional<Outcome> authenticate(SmtpConnection c, EhloKeywords ehlo, int index, Options options,
                                          Transcript transcript) {
        List<String> mechanisms = ehlo.parameters("AUTH").orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        Step.Mechanism mechanism;
        if (mechanisms.contains("PLAIN")) {
            mechanism = Step.Mechanism.PLAIN;
        } else if (mechanisms.contains("LOGIN")) {
            mechanism = Step.Mechanism.LOGIN;
        } else {
            return Optional.of(new Outcome.NotApplicable(AUTH_REQUIRED + ", and it offers neither AUTH PLAIN nor AUTH LOGIN"));
        }
        Observation reply = AuthenticationExchange.send(c, new Step.Authenticate(mechanism, false), options, transcript)
                .orElseGet(c::readReply);
        if (!(reply instanceof Observation.Received r) || r.reply().code() != 235) {
            return Optional.of(new Outcome.Fail(index, "!auth " + mechanism + " (after EHLO, because the server requires AUTH)",
                    reply.describe()));
        }
        return Optional.empty();
    }

    /**
     * In the authenticated run, the n/a outcome when the reply refuses the MAIL command just sent
     * with 5.7.1: the user may not send as that reverse-path (RFC 6409 §6.1, RFC 3463 X.7.1).
     *
     * @param sentUpper the text of the Send step before this reply, in upper case
     */
    static Optional<Outcome> senderRefused(String sentUpper, Observation.Received seen, Options options) {
        Reply reply = seen.reply();
        if (sentUpper.startsWith("MAIL ") && reply.code() / 100 == 5
                && reply.status().map(st -> st.toString().equals("5.7.1")).orElse(false)) {
            return Optional.of(new Outcome.NotApplicable("the server does not let " + options.credentials().orElseThrow().user()
                    + " send as this reverse-path (a submission sender policy, RFC 6409 §6.1, RFC 3463 X.7.1: "
                    + seen.describe() + ")"));
        }
        return Optional.empty();
    }

    /** True when one of the EHLO lines is the AUTH keyword (RFC 4954 §3: "AUTH" SP mechanisms). */
    private static boolean offersAuth(List<String> ehloLines) {
        return ehloLines.stream().map(l -> l.toUpperCase(Locale.ROOT)).anyMatch(l -> l.equals("AUTH") || l.startsWith("AUTH "));
    }

    /** True when the scenario sends an AUTH command of its own (a step {@code !auth}, or the verb as text). */
    private static boolean sendsAuth(Scenario scenario) {
        for (Step step : scenario.steps()) {
            switch (step) {
                case Step.Authenticate a -> {
                    return true;
                }
                case Step.Send s -> {
                    if (!s.text().parts().isEmpty() && s.text().parts().getFirst() instanceof ClientText.Literal l
                            && l.octets().toUpperCase(Locale.ROOT).startsWith("AUTH")) {
                        return true;
                    }
                }
                case Step.Body b -> { }
                case Step.Expect e -> { }
                case Step.StartTls t -> { }
                case Step.Pause p -> { }
                case Step.ExpectClose c -> { }
                case Step.Advertised a -> { }
            }
        }
        return false;
    }
}
