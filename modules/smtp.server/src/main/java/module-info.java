/**
 * The MTA: listeners in the SMTP (port 25), submission (587) and submissions (465) roles, TLS
 * (RFC 3207, RFC 8314), the relay and submission policy, SPF/DKIM/DMARC on inbound mail, DKIM
 * signing on submission, local delivery into Maildir, remote delivery through the queue, the
 * configuration file and {@code main}. Run with {@code java -p dist/modules -m smtp.server}.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.4 (trace fields), §4.5.1 (postmaster), §3.6 and §3.9 (relaying, no open relay),
 * §4.5.3.2 (timeouts); RFC 3207 and RFC 8314 (STARTTLS, implicit TLS); RFC 3848 (the "with"
 * protocol names); RFC 4954 (AUTH on submission); RFC 6409 (message submission); RFC 7208,
 * RFC 6376, RFC 7489 and RFC 8601 through {@code smtp.auth}.
 *
 * <h2>Limits</h2>
 * Every limit is a configuration key with a default; see {@link smtp.server.ServerSettings}.
 */
module smtp.server {
    exports smtp.server;

    requires transitive smtp.wire; // Domain appears in ServerSettings
    requires smtp.session;         // the server state machine (and the client one for relaying)
    requires transitive smtp.dns;  // MailServer.start takes a Resolver; MX routing and SPF/DKIM/DMARC lookups
    requires smtp.auth;            // SPF, DKIM, DMARC on inbound mail; DKIM signing on submission
    requires smtp.queue;           // the durable spool, retries, DSNs and queue administration
    requires org.bouncycastle.provider; // X.500 names and ASN.1 for the self-signed certificate
    requires org.bouncycastle.pkix;     // certificate builder and the PEM reader/writer (the JDK has neither)

    // System.Logger output that survives JVM shutdown (java.util.logging's handlers are closed
    // by its own shutdown hook, which would swallow the log lines of a graceful shutdown).
    provides java.lang.System.LoggerFinder with smtp.server.internal.log.ConsoleLoggerFinder;
}
