/**
 * The SMTP state machines, server and client (RFC 5321 §3, §4.1.4, §4.3), with the ESMTP
 * extensions and SASL. Sans-I/O: no sockets, no threads, no clocks. The server machine takes
 * octets and returns actions ({@link smtp.session.ServerSession}); the client machine takes
 * reply octets and returns commands and message streams ({@link smtp.session.ClientSession}).
 *
 * <h2>Standards</h2>
 * RFC 5321 §3 (procedures), §4.1.4 (order of commands), §4.3 (sequencing and reply codes),
 * §4.5.3.1.8 and §4.5.3.2 (recipient limit, timeouts); RFC 1870 (SIZE), RFC 2034
 * (ENHANCEDSTATUSCODES), RFC 2920 (PIPELINING), RFC 3030 (CHUNKING), RFC 3207 (STARTTLS),
 * RFC 3461 (DSN parameters), RFC 4954 (AUTH), RFC 4616 (PLAIN), RFC 7677 and RFC 5802
 * (SCRAM-SHA-256), RFC 6152 (8BITMIME), RFC 6531 (SMTPUTF8).
 *
 * <h2>Limits</h2>
 * Command lines 512 octets (RFC 5321 §4.5.3.1.4), AUTH lines 12288 octets (RFC 4954 §4),
 * recipients per transaction at least 100 (§4.5.3.1.8), errors per session 20, message size
 * 25 MiB: see {@link smtp.session.ServerConfig}.
 */
module smtp.session {
    exports smtp.session;

    requires transitive smtp.wire; // commands, replies and paths appear in this module's API

    // Credential stores are pluggable; this module provides the password-file store ("file:").
    uses smtp.session.CredentialStoreProvider;
    provides smtp.session.CredentialStoreProvider with smtp.session.internal.sasl.PasswordFileProvider;
}
