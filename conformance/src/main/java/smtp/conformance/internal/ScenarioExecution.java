package smtp.conformance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * §4 (STARTTLS upgrade, with {@code --tls starttls} as a prologue); RFC 4954 §4 (AUTH PLAIN
 * and LOGIN exchanges).
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
    private final Transcript transcript = new Transcript();
    private EhloKeywords ehlo = EhloKeywords.NONE;
    private boolean extensionsChecked;
    private boolean lastSendWasEhlo;
    private Optional<Observation> pending = Optional.empty();

    /** The n/a reason when this runner did not trust the server's certificate. */
    static final String UNTRUSTED = "the server's TLS certificate is not trusted here (for a self-signed test server, "
            + "add --insecure): ";

    public ScenarioExecution(Target target, Options options, Scenario scenario) {
        this.target = target;
        this.options = options;
        this.scenario = scenario;
        this.bindings = new Bindings(options);
    }

    /** Runs the scenario; the result carries the transcript. */
    public ScenarioResult run() {
        long start = System.nanoTime();
        Outcome outcome = outcome();
        return new ScenarioResult(scenario, outcome, Duration.ofNanos(System.nanoTime() - start), transcript.entries());
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
            if (target.tls() == TlsMode.STARTTLS && scenario.transport() == Scenario.Transport.ANY) {
                Optional<Outcome> failed = starttlsPrologue(connection);
                if (failed.isPresent()) {
                    return failed.get();
                }
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
                    lastSendWasEhlo = send.lineEnd() && new String(bytes, StandardCharsets.ISO_8859_1)
                            .toUpperCase(Locale.ROOT).startsWith("EHLO ");
                    c.queue(bytes);
                }
                case Step.Body body -> {
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
                    if (!(seen instanceof Observation.Received r) || !expect.pattern().matches(r.reply())) {
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
