package smtp.session;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import smtp.wire.DataPolicy;
import smtp.wire.Domain;
import smtp.wire.Limits;

/**
 * The configuration of a {@link ServerSession}. Start from {@link #defaults(Domain)} and change
 * what differs with the {@code with...} methods.
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>{@code maxRecipients} (default 1000): RFC 5321 §4.5.3.1.8 "The minimum total number of
 *     recipients that MUST be buffered is 100 recipients", so values under 100 are refused;
 *     beyond the limit RCPT gets 452 4.5.3 (§4.5.3.1.10).</li>
 * <li>{@code maxMessageSize} (default 26214400 octets, 25 MiB; 0 = no limit): announced with
 *     SIZE and enforced at MAIL and while the data arrives, 552 5.3.4 (RFC 1870 §6).</li>
 * <li>{@code maxErrors} (default 20, as Postfix's {@code smtpd_hard_error_limit}): after that
 *     many protocol errors the session answers 421 4.7.0 and closes.</li>
 * <li>{@code timeouts}: RFC 5321 §4.5.3.2, see {@link Timeouts#RFC5321}.</li>
 * </ul>
 *
 * @param hostname        the server's name, first word of the greeting and of the EHLO reply
 * @param greetingText    the text after the hostname in the 220 greeting
 * @param extensions      the extensions offered after EHLO; STARTTLS only when the I/O layer
 *                        can do TLS, AUTH only with a credential store
 * @param maxMessageSize  octets, 0 for no limit
 * @param maxRecipients   per transaction, at least 100
 * @param maxErrors       protocol errors per session before 421
 * @param tlsRequired     every command but EHLO, HELO, STARTTLS, NOOP, RSET and QUIT gets
 *                        530 5.7.0 until TLS is active (RFC 3207 §4; submission only: RFC 3207
 *                        §4 forbids it on a publicly referenced relay)
 * @param authWithoutTls  offer and accept AUTH on a cleartext channel (default false: RFC 4954
 *                        §4 538 5.7.11, and mechanisms like PLAIN must not cross in cleartext)
 * @param authMechanisms  the SASL mechanisms offered, from SCRAM-SHA-256, PLAIN and LOGIN
 * @param vrfyEnabled     ask the {@link Policy} for VRFY; otherwise 252 (RFC 5321 §3.5.3)
 * @param expnEnabled     ask the {@link Policy} for EXPN; otherwise 252
 * @param dataPolicy      bare CR/LF and NUL handling and the text line limit for DATA and BDAT
 * @param timeouts        RFC 5321 §4.5.3.2
 */
public record ServerConfig(Domain hostname, String greetingText, Set<Extension> extensions,
                           long maxMessageSize, int maxRecipients, int maxErrors,
                           boolean tlsRequired, boolean authWithoutTls, List<String> authMechanisms,
                           boolean vrfyEnabled, boolean expnEnabled, DataPolicy dataPolicy,
                           Timeouts timeouts) {

    /** The SASL mechanisms this module implements, strongest first. */
    public static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "PLAIN", "LOGIN");

    public ServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(greetingText, "greetingText");
        if (greetingText.indexOf('\r') >= 0 || greetingText.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("greeting text must not contain CR or LF");
        }
        extensions = extensions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(extensions));
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be >= 0");
        }
        // RFC 5321 §4.5.3.1.8: the minimum total number of recipients that MUST be buffered is 100.
        if (maxRecipients < Limits.MIN_RECIPIENTS) {
            throw new IllegalArgumentException("RFC 5321 §4.5.3.1.8: maxRecipients must be at least 100");
        }
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be >= 1");
        }
        authMechanisms = authMechanisms.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        for (String m : authMechanisms) {
            if (!MECHANISMS.contains(m)) {
                throw new IllegalArgumentException("unsupported SASL mechanism " + m + "; known: " + MECHANISMS);
            }
        }
        Objects.requireNonNull(dataPolicy, "dataPolicy");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /**
     * A safe default: PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, DSN and
     * CHUNKING; no STARTTLS and no AUTH (both need more from the caller); strict DATA policy.
     */
    public static ServerConfig defaults(Domain hostname) {
        return new ServerConfig(hostname, "ESMTP ready",
                EnumSet.of(Extension.PIPELINING, Extension.SIZE, Extension.EIGHT_BIT_MIME, Extension.SMTPUTF8,
                        Extension.ENHANCED_STATUS_CODES, Extension.DSN, Extension.CHUNKING),
                25L * 1024 * 1024, 1000, 20, false, false, MECHANISMS, false, false, DataPolicy.STRICT,
                Timeouts.RFC5321);
    }

    /** True when {@code e} is offered. */
    public boolean offers(Extension e) {
        return extensions.contains(e);
    }

    public ServerConfig withExtensions(Set<Extension> newExtensions) {
        return new ServerConfig(hostname, greetingText, newExtensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    /** The same configuration with {@code e} offered as well. */
    public ServerConfig with(Extension e) {
        EnumSet<Extension> set = extensions.isEmpty() ? EnumSet.noneOf(Extension.class) : EnumSet.copyOf(extensions);
        set.add(e);
        return withExtensions(set);
    }

    /** The same configuration without {@code e}. */
    public ServerConfig without(Extension e) {
        EnumSet<Extension> set = extensions.isEmpty() ? EnumSet.noneOf(Extension.class) : EnumSet.copyOf(extensions);
        set.remove(e);
        return withExtensions(set);
    }

    public ServerConfig withGreetingText(String text) {
        return new ServerConfig(hostname, text, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withMaxMessageSize(long size) {
        return new ServerConfig(hostname, greetingText, extensions, size, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withMaxRecipients(int max) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, max, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withMaxErrors(int max) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, max,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withTlsRequired(boolean required) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                required, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withAuthWithoutTls(boolean allowed) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, allowed, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withAuthMechanisms(List<String> mechanisms) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, mechanisms, vrfyEnabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withVrfy(boolean enabled) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, enabled, expnEnabled, dataPolicy, timeouts);
    }

    public ServerConfig withExpn(boolean enabled) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, enabled, dataPolicy, timeouts);
    }

    public ServerConfig withDataPolicy(DataPolicy policy) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, policy, timeouts);
    }

    public ServerConfig withTimeouts(Timeouts newTimeouts) {
        return new ServerConfig(hostname, greetingText, extensions, maxMessageSize, maxRecipients, maxErrors,
                tlsRequired, authWithoutTls, authMechanisms, vrfyEnabled, expnEnabled, dataPolicy, newTimeouts);
    }
}
