/**
 * The mail queue: spool, retries, delivery, DSNs and administration.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Resolver dns = Resolvers.create(DnsConfig.DEFAULT);
 * SmtpTransport smtp = SmtpTransport.create(DeliveryConfig.defaults("mx.example.org"),
 *         new MxResolver(dns, Set.of("mx.example.org")), dns);
 * Router router = Router.localAndRemote(Set.of("example.org"), maildir, smtp, false);
 * MailQueue queue = MailQueue.open(QueueConfig.of(Path.of("/var/spool/smtp-ref"), "mx.example.org"), router);
 * queue.start();
 * MessageStore store = queue.messageStore(traceFields);   // for smtp.session's ServerSession
 * ...
 * int status = QueueAdmin.run(spoolDir, List.of("list"), System.out, System.err); // "queue list"
 * }</pre>
 *
 * <h2>The spool on disk (format version 1)</h2>
 * One directory: {@code lock} (held by the running queue), {@code control.sock} (its
 * administration socket), {@code tmp/} (files being written, removed at start),
 * {@code queue/} ({@code <id>.msg} and {@code <id>.state}), {@code corrupt/} (files that failed
 * their checks). Both files are UTF-8 text with one {@code name: value} per line after a magic
 * first line ({@code SMTP-REF-QUEUE 1}, {@code SMTP-REF-QUEUE-STATE 1}); a reader rejects an
 * unknown version or field rather than guess.
 * <ul>
 * <li>{@code <id>.msg}: the envelope (queue-id, arrival-date, reverse-path, ret, envid, body,
 *     smtputf8, client-address, helo, auth, one {@code recipient:} line per recipient in RCPT
 *     syntax with NOTIFY and ORCPT), the sizes of the content and trace sections and their
 *     CRC-32C, an empty line, the content exactly as received, then the trace header fields
 *     (Received:, Authentication-Results:) computed at the end of data. Delivered as trace
 *     fields followed by the content. Written in {@code tmp/}, fsync'd, renamed into
 *     {@code queue/}, and {@code queue/} fsync'd before the server may answer 250; never
 *     modified afterwards.</li>
 * <li>{@code <id>.state}: {@code held}, then per recipient its status (pending, delivered,
 *     relayed, failed), attempts, last and next attempt, last reply and where it came from, and
 *     whether a DSN is owed or a delay warning was sent. Absent until the first change; then
 *     replaced atomically (write, fsync, rename, directory fsync).</li>
 * </ul>
 *
 * <h2>Logging</h2>
 * System.Logger {@code smtp.queue}, one line per event in the form operators grep for:
 * {@code <id>: from=<...>, size=..., nrcpt=... (queued)},
 * {@code <id>: to=<...>, relay=..., delay=..., attempts=..., dsn=x.y.z, status=sent|deferred|bounced (reply)},
 * {@code <id>: sender non-delivery notification: <dsn id>}, {@code <id>: removed}.
 */
package smtp.queue;
