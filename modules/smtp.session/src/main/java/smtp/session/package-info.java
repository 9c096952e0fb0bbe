/**
 * The SMTP state machines, server and client (RFC 5321 §3, §4.1.4, §4.3), sans-I/O.
 *
 * <h2>Server</h2>
 * {@link smtp.session.ServerSession} takes the octets a client sends and returns
 * {@link smtp.session.ServerAction}s (send a reply, start TLS, close). It is configured by a
 * {@link smtp.session.ServerConfig} and consults the MTA through three interfaces:
 * {@link smtp.session.Policy} (connect, HELO, reverse-path, each forward-path, the message at the
 * end of data; answers are {@link smtp.session.Decision}s carrying replies),
 * {@link smtp.session.MessageStore} / {@link smtp.session.MessageWriter} (where a message goes;
 * {@code commit()} returns the final reply only once the message is durable) and
 * {@link smtp.session.CredentialStore} (SASL: PLAIN, LOGIN, SCRAM-SHA-256 over salted hashes,
 * {@link smtp.session.ScramCredential}). Each accepted transaction is described by an
 * {@link smtp.session.Envelope} with its {@link smtp.session.Recipient}s and
 * {@link smtp.session.Origin}.
 *
 * <h2>Client</h2>
 * {@link smtp.session.ClientSession} takes the octets a server sends and returns
 * {@link smtp.session.ClientAction}s (send commands, stream a message, start TLS, close). It
 * delivers a list of {@link smtp.session.OutboundMessage}s and reports one
 * {@link smtp.session.DeliveryResult} per message, with a {@link smtp.session.RecipientResult} per
 * recipient (delivered, temporary or permanent failure, with the reply for DSNs).
 *
 * <h2>Standards</h2>
 * RFC 5321; RFC 1870, 2034, 2920, 3030, 3207, 3461, 4954 (with 4616, 5802, 7677, 4013), 6152, 6531.
 */
package smtp.session;
