package smtp.conformance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.conformance.Options;
import smtp.conformance.Outcome;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioResult;
import smtp.conformance.Step;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;

/**
 * Runs one scenario on its own connection and decides pass, fail or n/a.
 *
 * <h2>Standards</h2>
 * The client side of RFC 5321 §4.1 and §4.2 as far as the scenario text dictates; RFC 3207
 * §4 (STARTTLS upgrade, with {@code --tls starttls} as a prologue); RFC 4954 §4 (AUTH, sent by
 * {@link AuthenticationExchange}).
 *
 * A scenario that a server stops with 530 because it requires AUTH (RFC 4954 §6) is decided by
 * {@link AuthenticationRequired}: n/a, or run once more authenticated on a new connection.
 *
 * <h2>Diagnostics</h2>
 * Every problem becomes the {@link Outcome}: a connection that cannot be opened or a TLS
 * handshake that fails is a failure at the step concerned; a missing parameter, extension or
 * bound is n/a, and so is a handshake that this runner broke off because it does not trust the
 * server's certificate (RFC 3207 §4.1: whether to believe the other party's identity is the
 * client's local decision, not a protocol error of the server; {@code --insecure} tests the
 * scenario anyway). Never throws for anything a server does.
 */
public final class ScenarioExecution {

    private final Target target;
    private final Options options;
    private final Scenario scenario;
    private final Bindings bindings;
    private final Transcript transcript;
    /** The EHLO lines of the run's first connection ({@link Preflight}); empty when unknown. */
    private final List<String> advertised;
    private boolean inTls;
    private EhloKeywords ehlo = EhloKeywords.NONE;
    private boolean extensionsChecked;
    private boolean lastSendWasEhlo;
    private Optional<Observation> pending = Optional.empty();
    /** Authenticate with the credentials after each EHLO that advertises AUTH (the repeated run). */
    private final boolean authenticateAfterEhlo;
    private boolean authenticated;
    private boolean everAuthenticated;
    /** The run failed at a 530 reply; with the EHLO keywords seen then. */
    private boolean failedAt530;
    private EhloKeywords ehloAt530 = EhloKeywords.NONE;
    private boolean messageTextSent;
    private boolean bdatSent;
    /** The previous step was a Send; its text in upper case. */
    private boolean lastStepWasSend;
    private String lastSendUpper = "";

    /** The n/a reason when this runner did not trust the server's certificate. */
    static final String UNTRUSTED = "the server's TLS certificate is not trusted here (for a self-signed test server, "
            + "add --insecure): ";

    public ScenarioExecution(Target target, Options options, Scenario scenario) {
        this(target, options, scenario, List.of());
    }

    /**
     * @param advertised the EHLO lines the server sent on the run's first connection
     *                   ({@link Preflight.Probe#extensions()}), to judge a 530 after HELO
     */
    public ScenarioExecution(Target target, Options options, Scenario scenario, List<String> advertised) {
        this(target, options, scenario, advertised, false, new Transcript());
    }

    /** @param authenticateAfterEhlo AUTH after each EHLO that advertises it ({@link AuthenticationRequired}) */
    ScenarioExecution(Target target, Options options, Scenario scenario, List<String> advertised,
                      boolean authenticateAfterEhlo, Transcript transcript) {
        this.target = target;
        this.options = options;
        this.scenario = scenario;
        this.advertised = List.copyOf(advertised);
        this.bindings = new Bindings(options);
        this.authenticateAfterEhlo = authenticateAfterEhlo;
        this.transcript = transcript;
    }

    /** Runs the scenario; the result carries the transcript. */
    public ScenarioResult run() {
        long start = System.nanoTime();
        Outcome outcome = outcome();
        if (outcome instanceof Outcome.Fail && failedAt530) {
            outcome = new AuthenticationRequired(target, options, scenario, advertised, transcript)
                    .outcome(outcome, ehloAt530, messageTextSent);
        }
        return new ScenarioResult(scenario, outcome, Duration.ofNanos(System.nanoTime() - start), transcript.entries());
    }

    /** True when this run stopped at a 530 reply before the runner had authenticated. */
    boolean stoppedAt530Unauthenticated() {
        return failedAt530 && !everAuthenticated;
    }

    /** One run of the scenario on a new connection, without the decision after a 530. */
    Outcome outcome() {
        Optional<String> notApplicable = Prerequisites.missing(scenario, target, options);
        if (notApplicable.isPresent()) {
            return new Outcome.NotApplicable(notApplicable.get());
        }
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(target, options, transcript);
        } catch (IOException e) {
            return new Outcome.Fail(1, "connect to " + target + (target.tls() == TlsMode.IMPLICIT ? " with TLS" : ""),
                    "could not connect: " + e.getMessage());
        }
        try {
            inTls = target.tls() == TlsMode.IMPLICIT;
            if (target.tls() == TlsMode.STARTTLS && scenario.transport() == Scenario.Transport.ANY) {
                Optional<Outcome> failed = starttlsPrologue(connection);
                if (failed.isPresent()) {
                    return failed.get();
                }
                inTls = true;
            }
            return steps(connection);
        } finally {
            connection.quitAndClose();
        }
    }

    /**
     * True when the handshake failed because this side rejected the server's certificate (no
     * trusted chain, or a name that does not match): the JDK reports that with a
     * {@link java.security.cert.CertificateException} as the cause. A server that breaks the
     * handshake (an alert of its own, a closed connection, no common protocol) is not this.
     */
    static boolean untrustedCertificate(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    // With --tls starttls, every scenario runs inside TLS: greeting, EHLO, STARTTLS, handshake.
    // The scenario's own greeting step is then matched against the greeting received here.
    private Optional<Outcome> starttlsPrologue(SmtpConnection c) {
        Observation greeting = c.readReply();
        if (!(greeting instanceof Observation.Received g) || g.reply().code() != 220) {
            return Optional.of(new Outcome.Fail(1, "S: 220 (greeting, before the STARTTLS prologue)", greeting.describe()));
        }
        c.queue(("EHLO " + options.helo() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Observation hello = c.readReply();
        if (!(hello instanceof Observation.Received h) || h.reply().code() != 250
                || !EhloKeywords.of(h.reply()).has("STARTTLS")) {
            return Optional.of(new Outcome.Fail(1, "S: 250-STARTTLS (EHLO in the --tls starttls prologue)", hello.describe()));
        }
        c.queue("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
        Observation ready = c.readReply();
        if (!(ready instanceof Observation.Received r) || r.reply().code() != 220) {
            return Optional.of(new Outcome.Fail(1, "S: 220 (STARTTLS in the --tls starttls prologue)", ready.describe()));
        }
        try {
            c.startTls();
        } catch (IOException e) {
            return Optional.of(untrustedCertificate(e) ? new Outcome.NotApplicable(UNTRUSTED + e.getMessage())
                    : new Outcome.Fail(1, "!starttls (prologue)", "TLS handshake failed: " + e.getMessage()));
        }
        pending = Optional.of(greeting);
        return Optional.empty();
    }

    private Outcome steps(SmtpConnection c) {
        int index = 0;
        for (Step step : scenario.steps()) {
            index++;
            String written = ScenarioFormatter.step(step);
            boolean previousWasSend = lastStepWasSend;
            lastStepWasSend = step instanceof Step.Send;
            switch (step) {
                case Step.Send send -> {
                    Checked<byte[]> octets = bindings.resolve(send.text(), ehlo);
                    if (octets instanceof Checked.Error<byte[]> e) {
                        return new Outcome.NotApplicable(e.message());
                    }
                    byte[] bytes = ((Checked.Ok<byte[]>) octets).value();
                    if (send.lineEnd()) {
                        byte[] line = new byte[bytes.length + 2];
                        System.arraycopy(bytes, 0, line, 0, bytes.length);
                        line[bytes.length] = '\r';
                        line[bytes.length + 1] = '\n';
                        bytes = line;
                    }
                    String upper = new String(bytes, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
                    lastSendWasEhlo = send.lineEnd() && upper.startsWith("EHLO ");
                    bdatSent |= upper.startsWith("BDAT") || upper.contains("\nBDAT");
                    lastSendUpper = upper;
                    c.queue(bytes);
                }
                case Step.Body body -> {
                    messageTextSent = true;
                    Optional<Outcome> problem = body(c, body);
                    if (problem.isPresent()) {
                        return problem.get();
                    }
                }
                case Step.Expect expect -> {
                    Observation seen = pending.orElseGet(c::readReply);
                    pending = Optional.empty();
                    if (seen instanceof Observation.Closed && expect.pattern().allowsClose()) {
                        return new Outcome.Pass();
                    }
                    if (seen instanceof Observation.Received x) {
                        // Message text was sent and may have been accepted (the repetition must not send it twice).
                        messageTextSent |= x.reply().code() == 354 || (bdatSent && x.reply().code() / 100 == 2);
                    }
                    if (!(seen instanceof Observation.Received r) || !expect.pattern().matches(r.reply())) {
                        if (seen instanceof Observation.Received x && x.reply().code() == 530) {
                            failedAt530 = true;
                            ehloAt530 = ehlo;
                        }
                        if (seen instanceof Observation.Received x && authenticated && previousWasSend) {
                            Optional<Outcome> refused = AuthenticationRequired.senderRefused(lastSendUpper, x, options);
                            if (refused.isPresent()) {
                                return refused.get();
                            }
                        }
                        return new Outcome.Fail(index, written, seen.describe());
                    }
                    if (lastSendWasEhlo && r.reply().code() == 250) {
                        ehlo = EhloKeywords.of(r.reply());
                        if (!extensionsChecked) {
                            extensionsChecked = true;
                            for (Scenario.Extension x : scenario.extensions()) {
                                if (!ehlo.satisfies(x)) {
                                    return new Outcome.NotApplicable("the server does not advertise " + x);
                                }
                            }
                        }
                        if (authenticateAfterEhlo && !authenticated
                                && AuthenticationRequired.authenticatesAfter(ehlo, inTls, scenario)) {
                            Optional<Outcome> failed = AuthenticationRequired.authenticate(c, ehlo, index, options, transcript);
                            if (failed.isPresent()) {
                                return failed.get();
                            }
                            authenticated = true;
                            everAuthenticated = true;
                        }
                    }
                    lastSendWasEhlo = false;
                }
                case Step.StartTls tls -> {
                    try {
                        c.startTls();
                    } catch (IOException e) {
                        if (untrustedCertificate(e)) {
                            return new Outcome.NotApplicable(UNTRUSTED + e.getMessage());
                        }
                        return new Outcome.Fail(index, written, "TLS handshake failed: " + e.getMessage());
                    }
                    ehlo = EhloKeywords.NONE;
                    inTls = true;
                    // RFC 3207 §4.2: the session starts over inside TLS; an earlier AUTH is forgotten.
                    authenticated = false;
                }
                case Step.Authenticate auth -> {
                    Optional<Observation> ended = AuthenticationExchange.send(c, auth, options, transcript);
                    if (ended.isPresent()) {
                        pending = ended;
                    }
                }
                case Step.Pause pause -> {
                    c.flush();
                    try {
                        Thread.sleep(pause.duration());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Outcome.Fail(index, written, "interrupted");
                    }
                }
                case Step.ExpectClose close -> {
                    Observation seen = pending.orElseGet(c::readReply);
                    pending = Optional.empty();
                    if (!(seen instanceof Observation.Closed)) {
                        return new Outcome.Fail(index, written, seen instanceof Observation.TimedOut
                                ? "connection still open after " + options.replyTimeout().toSeconds() + " s"
                                : "expected the server to close, got " + seen.describe());
                    }
                }
                case Step.Advertised a -> {
                    if (ehlo == EhloKeywords.NONE) {
                        return new Outcome.Fail(index, written, "no EHLO reply seen before this check");
                    }
                    if (ehlo.has(a.keyword()) != a.present()) {
                        return new Outcome.Fail(index, written, "EHLO reply advertises " + String.join(", ", ehlo.lines()));
                    }
                }
            }
        }
        return new Outcome.Pass();
    }

    private Optional<Outcome> body(SmtpConnection c, Step.Body body) {
        Checked<byte[]> written = bindings.resolve(body.size(), ehlo);
        if (written instanceof Checked.Error<byte[]> e) {
            return Optional.of(new Outcome.NotApplicable(e.message()));
        }
        String digits = new String(((Checked.Ok<byte[]>) written).value(), StandardCharsets.US_ASCII);
        if (!digits.matches("[0-9]{1,18}")) {
            return Optional.of(new Outcome.NotApplicable("!body size is not a number: " + digits));
        }
        long size = Long.parseLong(digits);
        if (size > options.maxMessageBytes()) {
            return Optional.of(new Outcome.NotApplicable("needs a " + size + "-octet message, over the bound of "
                    + options.maxMessageBytes() + " (--max-message-bytes)"));
        }
        transcript.note("message text: " + size + " octets in lines of 'x'");
        MessageText.queue(c, size);
        return Optional.empty();
    }
}
