package smtp.server.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import smtp.auth.AuthenticationResults;
import smtp.auth.DkimResult;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSigning;
import smtp.auth.DkimVerification;
import smtp.auth.DkimVerifier;
import smtp.queue.MailQueue;
import smtp.queue.QueueId;
import smtp.queue.TraceFields;
import smtp.session.Envelope;
import smtp.session.MessageContent;
import smtp.session.MessageStore;
import smtp.session.MessageWriter;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;
import smtp.wire.Reply;

/**
 * One message on its way into the spool, in front of the queue's own store
 * ({@link MailQueue#messageStore(TraceFields)}, which maps the envelope, stores and answers
 * {@code 250 2.0.0 OK: queued as <id>}): the session writes the octets, this class keeps the
 * header section until its end (at most {@link #MAX_HEADER} octets), removes the
 * Authentication-Results fields that claim our authserv-id (field by field even when the section
 * as a whole does not parse), and passes everything else on;
 * DKIM verification (inbound) and DKIM signing (submission) see the octets as they pass; on
 * submission, the header fields a message lacks (From:, Date:, Message-ID:) can be completed at
 * the end of the header section, before signing (RFC 6409 §8). At the
 * end of data the policy reads {@link #header()} and adds trace fields with {@link #addTrace};
 * at the commit the queue asks this message for its trace fields ({@link TraceFields}): those,
 * then the {@code Received:} field, stored above the content.
 *
 * <h2>Standards</h2>
 * RFC 8601 §5: "a receiving MTA ... MUST remove or rename any Authentication-Results fields
 * whose authserv-id matches its own"; RFC 6376 §6 (verification over the message as received)
 * and §5 (signing the message as it leaves); RFC 5321 §4.4 (trace at the top) and §6.1 (250 only
 * once durable: the queue's commit).
 *
 * <h2>Diagnostics</h2>
 * A spool write failure is remembered and thrown from {@link #commit()} (the session answers
 * 451 4.3.0). The content is not kept in memory: it streams into the spool and is inspected on
 * the way; {@link #openStream()} reads it back from the spool.
 */
public final class SpoolMessage implements MessageWriter, TraceFields {

    /** The largest header section kept for inspection: 1 MiB (RFC 5322 sets no limit; Postfix keeps 100 KB). */
    public static final int MAX_HEADER = 1 << 20;

    private static final byte[] CRLF = {'\r', '\n'};

    private final MessageWriter spool;
    private final String hostname;
    private final Optional<DkimVerification> verification;
    private final Function<HeaderSection, Optional<DkimSigner>> signerFor;
    private final Envelope envelope;
    private final BiFunction<Envelope, HeaderSection, List<HeaderField>> completion;
    private byte[] headerBuffer = new byte[4096];
    private int headerLength;
    private final List<HeaderField> trace = new ArrayList<>();
    private boolean inHeader = true;
    private boolean headerTooLarge;
    private HeaderSection header;
    private DkimSigning signing;
    private long size;
    private IOException failure;
    private boolean done;

    /**
     * Opens the message in the store that {@code spool} makes for a message's trace fields
     * (the queue: {@code queue::messageStore}).
     *
     * @param spool        the queue's store, given this message as its {@link TraceFields}
     * @param envelope     the transaction's envelope
     * @param hostname     our host name: the authserv-id and the Received: "by"
     * @param verification DKIM verification of inbound mail, if any
     * @param signerFor    the DKIM signer for a message with this header section, if any (submission)
     */
    public SpoolMessage(Function<TraceFields, MessageStore> spool, Envelope envelope, String hostname,
                        Optional<DkimVerification> verification, Function<HeaderSection, Optional<DkimSigner>> signerFor)
            throws IOException {
        this(spool, envelope, hostname, verification, signerFor, (e, h) -> List.of());
    }

    /**
     * As above, with the header fields to add to a parsed header section ({@code completion},
     * given the envelope and the section; submission: {@code SenderControl::missingFields}).
     */
    public SpoolMessage(Function<TraceFields, MessageStore> spool, Envelope envelope, String hostname,
                        Optional<DkimVerification> verification, Function<HeaderSection, Optional<DkimSigner>> signerFor,
                        BiFunction<Envelope, HeaderSection, List<HeaderField>> completion) throws IOException {
        this.hostname = hostname;
        this.verification = verification;
        this.signerFor = signerFor;
        this.envelope = envelope;
        this.completion = completion;
        this.spool = spool.apply(this).open(envelope);
    }

    /**
     * The server's {@link MessageStore}: each message through a {@link SpoolMessage} into
     * {@code queue}, with DKIM verification of every message ({@code verifier}, inbound) or
     * signing by the signer {@code signerFor} picks (submission).
     */
    public static MessageStore store(MailQueue queue, String hostname, Optional<DkimVerifier> verifier,
                                     Function<HeaderSection, Optional<DkimSigner>> signerFor) {
        return store(queue, hostname, verifier, signerFor, (e, h) -> List.of());
    }

    /** As above, completing each parsed header section with the fields {@code completion} gives. */
    public static MessageStore store(MailQueue queue, String hostname, Optional<DkimVerifier> verifier,
                                     Function<HeaderSection, Optional<DkimSigner>> signerFor,
                                     BiFunction<Envelope, HeaderSection, List<HeaderField>> completion) {
        return envelope -> new SpoolMessage(queue::messageStore, envelope, hostname,
                verifier.map(DkimVerifier::newVerification), signerFor, completion);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        size += len;
        verification.ifPresent(v -> v.write(buf, off, len));
        if (!inHeader) {
            pass(buf, off, len);
            return;
        }
        int scanFrom = Math.max(0, headerLength - 3);
        if (headerLength + len > headerBuffer.length) {
            headerBuffer = java.util.Arrays.copyOf(headerBuffer, Math.max(headerBuffer.length * 2, headerLength + len));
        }
        System.arraycopy(buf, off, headerBuffer, headerLength, len);
        headerLength += len;
        int end = headerEnd(headerBuffer, scanFrom, headerLength);
        if (end >= 0) {
            endHeader(java.util.Arrays.copyOf(headerBuffer, headerLength), end, true);
        } else if (headerLength > MAX_HEADER) {
            headerTooLarge = true;
            inHeader = false;
            pass(headerBuffer, 0, headerLength);
        }
    }

    /** Ends the data: a message without an empty line is all header. Idempotent. */
    public void endOfData() {
        if (inHeader) {
            endHeader(java.util.Arrays.copyOf(headerBuffer, headerLength), headerLength, false);
        }
    }

    /** The header section as stored (our forged Authentication-Results removed); empty if it did not parse. */
    public Optional<HeaderSection> header() {
        return Optional.ofNullable(header);
    }

    /** True when the header section exceeded {@link #MAX_HEADER}. */
    public boolean headerTooLarge() {
        return headerTooLarge;
    }

    /** The DKIM results of the inbound verification (empty list: no signature; empty: not verified). */
    public Optional<List<DkimResult>> dkimResults() {
        return verification.map(DkimVerification::finish);
    }

    /** The DKIM-Signature fields for the message as stored, when a signer applies. */
    public List<HeaderField> dkimSignatures() {
        return signing == null ? List.of() : signing.finish();
    }

    /** Adds a trace field (Authentication-Results, DKIM-Signature...), placed above the content in order. */
    public void addTrace(HeaderField field) {
        trace.add(field);
    }

    @Override
    public long size() {
        return size;
    }

    /** The content as stored so far (read back from the spool; our forged Authentication-Results removed). */
    @Override
    public InputStream openStream() throws IOException {
        endOfData();
        return spool.openStream();
    }

    @Override
    public Reply commit() throws IOException {
        endOfData();
        if (failure != null) {
            throw failure;
        }
        done = true;
        return spool.commit();
    }

    /** The trace fields, asked for by the queue at the commit, with the queue id the message gets. */
    @Override
    public List<HeaderField> fields(Envelope envelope, QueueId id, MessageContent content) {
        List<HeaderField> fields = new ArrayList<>(trace);
        // RFC 5321 §4.4: the Received: field goes "at the beginning of the message content".
        fields.add(ReceivedField.of(envelope, hostname, id.toString(), ZonedDateTime.now()));
        return fields;
    }

    @Override
    public void abort() {
        if (!done) {
            done = true;
            verification.ifPresent(DkimVerification::close);
            if (signing != null) {
                signing.close();
            }
            spool.abort();
        }
    }

    /**
     * Ends the header phase: {@code end} is just after the empty line ({@code emptyLine}), or the
     * end of a message that has none.
     */
    private void endHeader(byte[] h, int end, boolean emptyLine) {
        inHeader = false;
        if (HeaderSection.parse(h, 0, end) instanceof ParseResult.Ok<HeaderSection> ok) {
            // RFC 8601 §5: remove Authentication-Results fields that claim our authserv-id.
            List<HeaderField> kept = AuthenticationResults.removeClaimingOurs(ok.value().fields(), Set.of(hostname));
            // RFC 6409 §8: the MSA may add what the message lacks, at the end of the header section.
            List<HeaderField> added = completion.apply(envelope, new HeaderSection(kept, ok.value().bodyOffset()));
            List<HeaderField> all = new ArrayList<>(kept);
            all.addAll(added);
            header = new HeaderSection(all, ok.value().bodyOffset());
            signing = signerFor.apply(header).map(DkimSigner::newSigning).orElse(null);
            for (HeaderField f : kept) {
                byte[] raw = f.raw();
                pass(raw, 0, raw.length);
            }
            if (!added.isEmpty() && !kept.isEmpty() && !endsWithLineEnd(kept.get(kept.size() - 1).raw())) {
                pass(CRLF, 0, 2); // a last field without a line end (the data had no empty line)
            }
            for (HeaderField f : added) {
                byte[] raw = f.raw();
                pass(raw, 0, raw.length);
            }
            if (emptyLine) {
                pass(CRLF, 0, 2);
            }
            pass(h, end, h.length - end);
        } else {
            // The section is not RFC 5322 fields (a line without a colon, say). It is stored as
            // received, as other MTAs do (RFC 5321 §6.4: no repairs), but RFC 8601 §5's MUST
            // still holds: every field that parses on its own is checked, so a forged
            // Authentication-Results field cannot hide behind a broken line.
            for (int start = 0; start < end; ) {
                int next = nextField(h, start, end);
                if (!claimsOurId(h, start, next)) {
                    pass(h, start, next - start);
                }
                start = next;
            }
            pass(h, end, h.length - end);
        }
    }

    private static boolean endsWithLineEnd(byte[] raw) {
        return raw.length > 0 && raw[raw.length - 1] == '\n';
    }

    /**
     * The end of the field that starts at {@code start}: after its line and every following
     * line that starts with WSP (RFC 5322 §2.2.3 folding), at most {@code end}.
     */
    static int nextField(byte[] h, int start, int end) {
        int i = start;
        do {
            while (i < end && h[i] != '\n') {
                i++;
            }
            i = Math.min(end, i + 1);
        } while (i < end && (h[i] == ' ' || h[i] == '\t'));
        return i;
    }

    /** True when {@code h[from, to)} is one header field that is an Authentication-Results field claiming our authserv-id. */
    private boolean claimsOurId(byte[] h, int from, int to) {
        return HeaderSection.parse(h, from, to - from) instanceof ParseResult.Ok<HeaderSection> ok
                && ok.value().fields().size() == 1
                && AuthenticationResults.removeClaimingOurs(ok.value().fields(), Set.of(hostname)).isEmpty();
    }

    private void pass(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (signing != null) {
            signing.write(b, off, len);
        }
        if (failure == null) {
            try {
                spool.write(b, off, len);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /**
     * The offset just after the empty line that ends the header section (CRLF CRLF, or a CRLF at
     * the very start), or -1 when it has not arrived yet.
     */
    static int headerEnd(byte[] h, int from, int length) {
        if (length >= 2 && h[0] == '\r' && h[1] == '\n') {
            return 2;
        }
        for (int i = Math.max(0, from); i + 3 < length; i++) {
            if (h[i] == '\r' && h[i + 1] == '\n' && h[i + 2] == '\r' && h[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}
