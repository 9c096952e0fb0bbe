package smtp.conformance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smtp.conformance.ClientText;
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
 * §4 (STARTTLS upgrade, with {@code --tls starttls} as a prologue); RFC 4954 §4 (AUTH PLAIN
 * and LOGIN exchanges).
 *
 * <h2>Servers that require AUTH</h2>
 * RFC 4954 §6: a server whose policy requires authentication answers other commands (MAIL,
 * typically, on a submission port: RFC 6409 §4.3) with "530 5.7.0 Authentication required". A
 * scenario that fails at a 530 is therefore not a failure of the rule it checks: with
 * {@code --user}/{@code --password} it is run once more on a new connection, authenticating
 * right after each EHLO that advertises AUTH (PLAIN, else LOGIN), and that run decides;
 * without credentials it is n/a with that reason, and so is a scenario that reaches the 530
 * without an EHLO to authenticate after. A 530 after an EHLO that offers STARTTLS but no AUTH
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

    private ScenarioExecution(Target target, Options options, Scenario scenario, List<String> advertised,
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
            outcome = afterAuthenticationRequired(outcome);
        }
        return new ScenarioResult(scenario, outcome, Duration.ofNanos(System.nanoTime() - start), transcript.entries());
    }

    /** The outcome of a scenario that failed at a 530 reply (see the class documentation). */
    private Outcome afterAuthenticationRequired(Outcome failed) {
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
        if (second instanceof Outcome.Fail && again.failedAt530 && !again.everAuthenticated) {
            return new Outcome.NotApplicable(AUTH_REQUIRED + ", and the scenario gets there without an EHLO that offers AUTH");
        }
        return second;
    }

    /** The n/a reason when the server requires AUTH. */
    public static final String AUTH_REQUIRED = "the server requires AUTH before this step (530, RFC 4954 §6; submission, "
            + "RFC 6409 §4.3)";

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

    /** True when the scenario itself upgrades with STARTTLS. */
    private boolean upgradesLater() {
        return scenario.steps().stream().anyMatch(step -> step instanceof Step.StartTls);
    }

    private Outcome outcome() {
        Optional<String> notApplicable = staticallyNotApplicable();
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

    private Optional<String> staticallyNotApplicable() {
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
                        if (seen instanceof Observation.Received x && authenticated && previousWasSend
                                && lastSendUpper.startsWith("MAIL ") && x.reply().code() / 100 == 5
                                && x.reply().status().map(st -> st.toString().equals("5.7.1")).orElse(false)) {
                            return new Outcome.NotApplicable("the server does not let " + options.credentials().orElseThrow().user()
                                    + " send as this reverse-path (a submission sender policy, RFC 6409 §6.1, RFC 3463 X.7.1: "
                                    + seen.describe() + ")");
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
                        if (authenticateAfterEhlo && !authenticated && ehlo.has("AUTH") && (inTls || !upgradesLater())) {
                            Optional<Outcome> failed = authenticateFirst(c, index);
                            if (failed.isPresent()) {
                                return failed.get();
                            }
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
                case Step.Authenticate auth -> authenticate(c, auth);
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
        byte[] full = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long remaining = size;
        while (remaining > 0) {
            if (remaining >= full.length + 3) {
                c.queueQuietly(full);
                remaining -= full.length;
            } else {
                // The last line: at least "x" CRLF, so that the text ends with CRLF.
                int n = (int) Math.max(1, remaining - 2);
                byte[] last = new byte[n + 2];
                java.util.Arrays.fill(last, 0, n, (byte) 'x');
                last[n] = '\r';
                last[n + 1] = '\n';
                c.queueQuietly(last);
                remaining = 0;
            }
        }
        return Optional.empty();
    }

    /**
     * The repeated run of a scenario the server answered 530: AUTH with the credentials right
     * after the EHLO reply (PLAIN if advertised, else LOGIN), which must end with 235.
     */
    private Optional<Outcome> authenticateFirst(SmtpConnection c, int index) {
        List<String> mechanisms = ehlo.parameters("AUTH").orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        Step.Mechanism mechanism;
        if (mechanisms.contains("PLAIN")) {
            mechanism = Step.Mechanism.PLAIN;
        } else if (mechanisms.contains("LOGIN")) {
            mechanism = Step.Mechanism.LOGIN;
        } else {
            return Optional.of(new Outcome.NotApplicable(AUTH_REQUIRED + ", and it offers neither AUTH PLAIN nor AUTH LOGIN"));
        }
        authenticate(c, new Step.Authenticate(mechanism, false));
        Observation reply = pending.orElseGet(c::readReply);
        pending = Optional.empty();
        if (!(reply instanceof Observation.Received r) || r.reply().code() != 235) {
            return Optional.of(new Outcome.Fail(index, "!auth " + mechanism + " (after EHLO, because the server requires AUTH)",
                    reply.describe()));
        }
        authenticated = true;
        everAuthenticated = true;
        return Optional.empty();
    }

    // RFC 4954 §4: AUTH mechanism [initial-response]; the server's challenges are 334 replies.
    private void authenticate(SmtpConnection c, Step.Authenticate auth) {
        String user = options.credentials().map(cr -> cr.user()).orElse("conformance");
        String password = auth.wrongPassword() ? "conformance-wrong-password-" + Long.toHexString(System.nanoTime())
                : options.credentials().orElseThrow().password();
        Base64.Encoder b64 = Base64.getEncoder();
        switch (auth.mechanism()) {
            case PLAIN -> {
                // RFC 4616 §2: message = [authzid] NUL authcid NUL passwd
                String response = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
                transcript.note("C: AUTH PLAIN (credentials of " + user + (auth.wrongPassword() ? ", wrong password" : "") + ")");
                c.queueQuietly(("AUTH PLAIN " + response + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            case LOGIN -> {
                c.queue("AUTH LOGIN\r\n".getBytes(StandardCharsets.US_ASCII));
                for (String answer : new String[] {user, password}) {
                    Observation challenge = c.readReply();
                    if (!(challenge instanceof Observation.Received r) || r.reply().code() != 334) {
                        pending = Optional.of(challenge);
                        return;
                    }
                    transcript.note("C: (base64 " + (answer.equals(user) ? "user name " + user : "password") + ")");
                    c.queueQuietly((b64.encodeToString(answer.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        c.flush();
    }
}
