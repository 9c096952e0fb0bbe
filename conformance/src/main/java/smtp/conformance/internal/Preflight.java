package smtp.conformance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import smtp.conformance.Options;
import smtp.conformance.Target;
import smtp.conformance.TlsMode;

/**
 * The first connection of a run: checks that the target speaks SMTP (a 220 greeting,
 * RFC 5321 §3.1) in the requested TLS mode, and records the greeting and the advertised
 * extensions for the report header. If this fails, no scenario runs.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * @param greeting   the greeting lines joined with " / "
     * @param extensions the advertised EHLO lines (after STARTTLS with {@code --tls starttls})
     */
    public record Probe(String greeting, List<String> extensions) {
    }

    public static Checked<Probe> probe(Target target, Options options) {
        Transcript transcript = new Transcript();
        SmtpConnection c;
        try {
            c = SmtpConnection.open(target, options, transcript);
        } catch (IOException e) {
            return Checked.error("cannot connect to " + target + (target.tls() == TlsMode.IMPLICIT ? " with TLS" : "")
                    + ": " + e.getMessage() + (e instanceof javax.net.ssl.SSLException && !options.trustAnyCertificate()
                    ? " (for a self-signed test server, add --insecure)" : ""));
        }
        try {
            Observation greeting = c.readReply();
            if (!(greeting instanceof Observation.Received g) || g.reply().code() != 220) {
                return Checked.error("the server did not greet with 220 (RFC 5321 §3.1): " + greeting.describe());
            }
            Checked<EhloKeywords> ehlo = ehlo(c, options);
            if (ehlo instanceof Checked.Error<EhloKeywords> e) {
                return Checked.error(e.message());
            }
            if (target.tls() == TlsMode.STARTTLS) {
                if (!((Checked.Ok<EhloKeywords>) ehlo).value().has("STARTTLS")) {
                    return Checked.error("--tls starttls, but the server does not advertise STARTTLS");
                }
                c.queue("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                Observation ready = c.readReply();
                if (!(ready instanceof Observation.Received r) || r.reply().code() != 220) {
                    return Checked.error("STARTTLS refused: " + ready.describe());
                }
                try {
                    c.startTls();
                } catch (IOException e) {
                    return Checked.error("TLS handshake failed: " + e.getMessage()
                            + (options.trustAnyCertificate() ? "" : " (for a self-signed test server, add --insecure)"));
                }
                ehlo = ehlo(c, options);
                if (ehlo instanceof Checked.Error<EhloKeywords> e) {
                    return Checked.error(e.message());
                }
            }
            return Checked.ok(new Probe(String.join(" / ", g.lines()), ((Checked.Ok<EhloKeywords>) ehlo).value().lines()));
        } finally {
            c.quitAndClose();
        }
    }

    private static Checked<EhloKeywords> ehlo(SmtpConnection c, Options options) {
        c.queue(("EHLO " + options.helo() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Observation hello = c.readReply();
        if (!(hello instanceof Observation.Received h) || h.reply().code() != 250) {
            return Checked.error("EHLO was not accepted: " + hello.describe());
        }
        return Checked.ok(EhloKeywords.of(h.reply()));
    }
}
