package smtp.session.internal.server;

import java.io.IOException;
import smtp.session.Decision;
import smtp.session.Envelope;
import smtp.session.Extension;
import smtp.session.MessageWriter;
import smtp.session.SessionState;
import smtp.wire.Bdat;
import smtp.wire.DataDecoder;
import smtp.wire.DataOutcome;
import smtp.wire.Replies;
import smtp.wire.Reply;

/**
 * DATA (RFC 5321 §4.1.1.4, §3.3) and BDAT (RFC 3030 §2): the commands, the reception of the
 * message octets, and the end of the message (policy, then commit to the store).
 *
 * <h2>Standards</h2>
 * <ul>
 * <li>RFC 5321 §3.3: DATA without MAIL gets 503; without an accepted recipient 554 "no valid
 *     recipients" (also RFC 2920 §3.1 for pipelined groups).</li>
 * <li>RFC 5321 §4.1.1.4: the end of data is CRLF.CRLF only ({@link DataDecoder}); the reply
 *     comes after it, never before, and octets after it are the next commands (RFC 2920).</li>
 * <li>RFC 1870 §6: 552 5.3.4 when the data exceeds the SIZE limit.</li>
 * <li>RFC 3030 §2: chunk octets are taken exactly as counted, not dot-unstuffed; "If a failure
 *     occurs after a BDAT command is received, the receiver-SMTP MUST accept and discard the
 *     associated message data before sending the appropriate 5XX or 4XX code"; DATA and BDAT are
 *     not mixed in one transaction; a failed BDAT ends the transaction.</li>
 * <li>RFC 5321 §6.1: 250 only once the store has the message ({@link MessageWriter#commit()}).</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * DATA: 354, 503, 554, 451; after the data 250 (the store's reply), 552, 550 5.6.0, 554 5.6.0,
 * 451 4.3.0, or the policy's reply (held to §4.3.2 by {@link PolicyReplies#MESSAGE}). BDAT: 250
 * per chunk, 502, 503, 554, 552, 550, 451.
 */
final class MessageReceiver {

    private final ServerMachine m;
    private DataDecoder decoder;
    /** Octets of the current BDAT chunk still to read. */
    private long chunkLeft;
    private boolean chunkLast;
    /** The reply decided at the BDAT command, sent once its octets are read; null if none. */
    private Reply chunkFailure;

    MessageReceiver(ServerMachine m) {
        this.m = m;
    }

    void reset() {
        decoder = null;
        chunkLeft = 0;
        chunkFailure = null;
    }

    // ------------------------------------------------------------------------------ DATA

    void data() {
        Transaction t = m.transaction;
        if (t == null) {
            m.error(m.heloName == null ? SessionReplies.HELLO_FIRST : SessionReplies.MAIL_FIRST);
            return;
        }
        if (t.chunked) {
            m.error(SessionReplies.DATA_AFTER_BDAT);
            return;
        }
        if (t.recipients.isEmpty()) {
            // RFC 5321 §3.3: "the server MAY return a "command out of sequence" (503) or "no valid
            // recipients" (554) reply in response to the DATA command."
            m.send(SessionReplies.NO_VALID_RECIPIENTS);
            return;
        }
        if (!open(t)) {
            m.send(SessionReplies.LOCAL_ERROR);
            return;
        }
        decoder = new DataDecoder(m.config.dataPolicy().withMaxMessageSize(m.config.maxMessageSize()), t.sink);
        m.state = SessionState.DATA;
        m.emit(Replies.START_MAIL_INPUT);
    }

    private boolean open(Transaction t) {
        if (t.writer != null) {
            return true;
        }
        try {
            Envelope envelope = t.envelope(m.origin());
            t.writer = m.store.open(envelope);
            t.sink = new StoreSink(t.writer);
            t.inspector = new ContentInspector(m.config.dataPolicy());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Consumes message octets (DATA or a BDAT chunk); returns how many. */
    int feed(byte[] buf, int off, int len) {
        return m.state == SessionState.DATA ? feedData(buf, off, len) : feedChunk(buf, off, len);
    }

    private int feedData(byte[] buf, int off, int len) {
        int n;
        try {
            n = decoder.feed(buf, off, len);
        } catch (IOException e) {
            // StoreSink never throws; an IOException here is a broken invariant.
            throw new IllegalStateException(e);
        }
        if (decoder.isDone()) {
            DataOutcome outcome = decoder.outcome();
            decoder = null;
            Transaction t = m.transaction;
            switch (outcome) {
                case DataOutcome.Accepted a -> finish(t);
                case DataOutcome.Rejected r -> fail(r.reply());
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------ BDAT

    void bdat(Bdat bdat) {
        // RFC 3030 §2: the octets are read in every case; the reply decided here waits for them.
        chunkLeft = bdat.chunkSize();
        chunkLast = bdat.last();
        chunkFailure = bdatFailure(bdat);
        m.state = SessionState.BDAT;
        if (chunkFailure == null) {
            m.transaction.chunked = true;
        }
        if (chunkLeft == 0) {
            endChunk();
        }
    }

    private Reply bdatFailure(Bdat bdat) {
        if (!m.config.offers(Extension.CHUNKING)) {
            return smtp.wire.Replies.NOT_IMPLEMENTED;
        }
        if (!m.extended) {
            return SessionReplies.EHLO_FIRST;
        }
        Transaction t = m.transaction;
        if (t == null) {
            return SessionReplies.MAIL_FIRST;
        }
        if (t.recipients.isEmpty()) {
            return SessionReplies.NO_VALID_RECIPIENTS;
        }
        long max = m.config.maxMessageSize();
        if (max > 0 && t.chunkedSize + bdat.chunkSize() > max) {
            return Replies.MESSAGE_TOO_BIG; // RFC 1870 §6 and RFC 3030 §2
        }
        return open(t) ? null : SessionReplies.LOCAL_ERROR;
    }

    private int feedChunk(byte[] buf, int off, int len) {
        int n = (int) Math.min(len, chunkLeft);
        if (chunkFailure == null) {
            Transaction t = m.transaction;
            t.inspector.inspect(buf, off, n);
            if (t.inspector.violation().isEmpty()) {
                t.sink.write(buf, off, n);
            }
            t.chunkedSize += n;
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            endChunk();
        }
        return n;
    }

    private void endChunk() {
        Reply failure = chunkFailure;
        chunkFailure = null;
        if (failure != null) {
            // RFC 3030 §2: the transaction has failed; what follows in the pipeline gets 503.
            boolean counted = failure.code() == 502 || failure.code() == 503;
            m.abortTransaction();
            m.state = m.heloName == null ? SessionState.GREETED : SessionState.READY;
            if (counted) {
                m.error(failure);
            } else {
                m.send(failure);
            }
            return;
        }
        Transaction t = m.transaction;
        if (chunkLast) {
            t.inspector.end();
        }
        if (t.inspector.violation().isPresent()) {
            fail(t.inspector.violation().get());
        } else if (t.sink.failed()) {
            fail(SessionReplies.LOCAL_ERROR);
        } else if (chunkLast) {
            finish(t);
        } else {
            m.state = SessionState.CHUNKING;
            m.send(SessionReplies.chunkOk(t.chunkedSize));
        }
    }

    // ------------------------------------------------------------------------------ end of message

    /** The whole message is in: ask the policy, then commit (RFC 5321 §6.1). */
    private void finish(Transaction t) {
        if (t.sink.failed()) {
            fail(SessionReplies.LOCAL_ERROR);
            return;
        }
        Envelope envelope = t.envelope(m.origin());
        Reply reply;
        switch (m.policy.message(envelope, t.writer)) {
            case Decision.Reject r -> {
                fail(PolicyReplies.MESSAGE.normalise(r.reply()));
                return;
            }
            case Decision.Accept a -> {
                try {
                    reply = t.writer.commit();
                } catch (IOException | RuntimeException e) {
                    fail(SessionReplies.LOCAL_ERROR);
                    return;
                }
            }
        }
        t.writer = null; // committed: nothing to abort
        m.transaction = null;
        m.state = SessionState.READY;
        m.send(reply);
    }

    private void fail(Reply reply) {
        m.abortTransaction();
        m.state = SessionState.READY;
        m.send(reply);
    }
}
