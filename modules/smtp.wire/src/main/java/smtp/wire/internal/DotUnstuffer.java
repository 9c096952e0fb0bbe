package smtp.wire.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import smtp.wire.DataOutcome;
import smtp.wire.DataPolicy;
import smtp.wire.Replies;
import smtp.wire.Reply;

/**
 * The DATA-section decoder behind {@link smtp.wire.DataDecoder}: removes dot-stuffing, finds
 * the one true end of data, and applies the {@link DataPolicy} without ever buffering input.
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.1.4: "the mail data is terminated by a line containing only a period, that
 * is, the character sequence {@code <CRLF>.<CRLF>}, where the first {@code <CRLF>} is
 * actually the terminator of the previous line". The first line of the data counts as
 * preceded by CRLF (the DATA command line ended with one), so a lone {@code .CRLF} at the
 * very start is an empty message.
 * <br>RFC 5321 §4.5.2: "If the first character is a period and there are other characters on
 * the line, the first character is deleted."
 * <br>RFC 5321 §2.3.8: "SMTP client implementations MUST NOT transmit these characters [CR
 * and LF] except when they are intended as line terminators"; only CRLF ends a line here, so
 * only CRLF starts a line that can carry a stuffed dot or the terminator.
 * <br>RFC 5321 §4.5.3.1.6: "The maximum total length of a text line including the
 * {@code <CRLF>} is 1000 octets (not counting the leading dot duplicated for transparency)."
 * <br>RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: a message over the size limit gets 552.
 *
 * <h2>How it works</h2>
 * A state machine whose state survives between {@link #feed} calls, so that any split of the
 * input gives the same result. Inside a line a word-at-a-time scan (eight octets per step)
 * skips to the next CR, LF or NUL; ordinary CRLF line ends do not interrupt the run of octets
 * being copied, so the sink sees one {@code write} per chunk plus one per dot-stuffed line.
 * The only octets ever held back are a line-initial "." and the CR after it (both constants),
 * so memory stays bounded whatever the input.
 *
 * <h2>Diagnostics</h2>
 * Violations never stop the reading: the first one is remembered, the sink has received
 * exactly the content before the offending octet (the same for every split of the input),
 * nothing more is written to it, and the decoder keeps consuming up to the real CRLF.CRLF so that no octet of the
 * message can be taken as a command (the SMTP-smuggling defence). The outcome then carries
 * {@link Replies#BARE_LINE_ENDING} (550 5.6.0), {@link Replies#TEXT_LINE_TOO_LONG}
 * (554 5.6.0) or {@link Replies#MESSAGE_TOO_BIG} (552 5.3.4). Only the sink's
 * {@link IOException} escapes.
 */
public final class DotUnstuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CR_ONLY = {CR};

    /** At the start of a line (after CRLF, or the first line): a "." here is special. */
    private static final int BOL = 0;
    /** After a line-initial ".", which has not been written. */
    private static final int DOT_SEEN = 1;
    /** After a line-initial "." and a CR, neither written: an LF now ends the data. */
    private static final int DOT_CR = 2;
    /** Inside a line; the previous octet was not CR. */
    private static final int TEXT = 3;
    /** Inside a line; the previous octet was a CR (already counted as content). */
    private static final int TEXT_CR = 4;
    /** The end-of-data indicator has been consumed. */
    private static final int DONE = 5;

    private final OutputStream sink;
    private final boolean rejectBareLf;
    private final boolean rejectBareCr;
    private final boolean rejectNul;
    /** RFC 5321 §4.5.3.1.6; {@code Integer.MAX_VALUE} when unlimited. */
    private final long maxLine;
    /** RFC 1870; {@code Long.MAX_VALUE} when unlimited. */
    private final long maxSize;

    private int state = BOL;
    /** Octets of the current line so far, after unstuffing, without its LF. */
    private long lineLength;
    /** Octets of message content seen after unstuffing (written or, after a rejection, not). */
    private long size;
    /** The first violation, or null while the message is acceptable. */
    private Reply rejection;

    public DotUnstuffer(DataPolicy policy, OutputStream sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.rejectBareLf = policy.rejectBareLf();
        this.rejectBareCr = policy.rejectBareCr();
        this.rejectNul = policy.rejectNul();
        this.maxLine = policy.maxTextLine() == 0 ? Long.MAX_VALUE : policy.maxTextLine();
        this.maxSize = policy.maxMessageSize() == 0 ? Long.MAX_VALUE : policy.maxMessageSize();
    }

    /**
     * Consumes {@code buf[off..off+len)} up to and including the end-of-data indicator.
     *
     * @return the octets consumed: {@code len}, or fewer when the indicator ended inside
     */
    public int feed(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (state == DONE) {
            return 0;
        }
        final int end = off + len;
        int i = off;
        int runStart = off; // buf[runStart..i) is content not yet written to the sink
        int st = state;
        long line = lineLength;
        while (i < end) {
            switch (st) {
                case BOL -> {
                    if (buf[i] == DOT) {
                        // RFC 5321 §4.5.2 / §4.1.1.4: a line-initial "." is either the stuffed dot
                        // (deleted) or the start of the terminator; it is never content.
                        emit(buf, runStart, i);
                        i++;
                        runStart = i;
                        st = DOT_SEEN;
                    } else {
                        st = TEXT;
                    }
                }
                case DOT_SEEN -> {
                    if (buf[i] == CR) {
                        i++;
                        runStart = i;
                        st = DOT_CR;
                    } else {
                        st = TEXT; // the dot was stuffing: deleted; this octet starts the line
                    }
                }
                case DOT_CR -> {
                    if (buf[i] == LF) {
                        // RFC 5321 §4.1.1.4: CRLF "." CRLF, the end of the mail data.
                        state = DONE;
                        lineLength = 0;
                        return i + 1 - off;
                    }
                    // "." CR x with x != LF: the dot was stuffing (deleted), the CR is content and
                    // bare (checked in TEXT_CR). Write it from the input if it is there.
                    if (maxLine <= 1 && rejection == null) {
                        runStart = refuse(Replies.TEXT_LINE_TOO_LONG, buf, runStart, i);
                    }
                    if (i > off) {
                        runStart = i - 1;
                    } else {
                        emit(CR_ONLY, 0, 1);
                    }
                    line = 1;
                    st = TEXT_CR;
                }
                case TEXT_CR -> {
                    if (buf[i] == LF) {
                        i++;
                        line = 0;
                        st = BOL;
                    } else {
                        // RFC 5321 §2.3.8: a CR not followed by LF.
                        if (rejectBareCr && rejection == null) {
                            runStart = refuse(Replies.BARE_LINE_ENDING, buf, runStart, i);
                        }
                        st = TEXT;
                    }
                }
                case TEXT -> {
                    // The hot loop: from special octet to special octet, line after line, in one
                    // run of the sink, until a line starts with "." or something needs a state.
                    while (true) {
                        int stop = DataScan.nextSpecial(buf, i, end);
                        if (line + (stop - i) >= maxLine && rejection == null) {
                            // RFC 5321 §4.5.3.1.6: this run takes the line to the limit; the sink
                            // gets the content before the octet that reaches it.
                            runStart = refuse(Replies.TEXT_LINE_TOO_LONG, buf, runStart, (int) (i + (maxLine - line) - 1));
                        }
                        line += stop - i;
                        i = stop;
                        if (i == end) {
                            break;
                        }
                        byte b = buf[i];
                        if (b == CR) {
                            line++;
                            if (line >= maxLine && rejection == null) {
                                // RFC 5321 §4.5.3.1.6: with its LF this line exceeds the limit.
                                runStart = refuse(Replies.TEXT_LINE_TOO_LONG, buf, runStart, i);
                            }
                            if (i + 1 < end && buf[i + 1] == LF) {
                                i += 2;
                                line = 0;
                                if (i < end && buf[i] != DOT) {
                                    continue; // the common case: CRLF, and the next line is plain
                                }
                                st = BOL;
                            } else {
                                i++;
                                st = TEXT_CR;
                            }
                        } else if (b == LF) {
                            // RFC 5321 §2.3.8: a LF without CR. It is not a line end for the
                            // terminator or for dot-stuffing; for the length limit it is.
                            if (rejectBareLf && rejection == null) {
                                runStart = refuse(Replies.BARE_LINE_ENDING, buf, runStart, i);
                            }
                            i++;
                            line = 0;
                        } else {
                            // NUL (RFC 5321 §4.5.2 leaves it to the receiver; refused by default).
                            if (rejectNul && rejection == null) {
                                runStart = refuse(Replies.BARE_LINE_ENDING, buf, runStart, i);
                            }
                            line++;
                            if (line >= maxLine && rejection == null) {
                                runStart = refuse(Replies.TEXT_LINE_TOO_LONG, buf, runStart, i);
                            }
                            i++;
                        }
                        break;
                    }
                }
                default -> throw new IllegalStateException("state " + st);
            }
        }
        emit(buf, runStart, end);
        state = st;
        lineLength = line;
        return len;
    }

    /**
     * Content {@code b[from..to)}: counted, and written unless the message is refused. The size
     * limit is checked first; at most {@code maxSize} octets ever reach the sink.
     */
    private void emit(byte[] b, int from, int to) throws IOException {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (rejection == null) {
            long room = maxSize - size;
            if (n > room) {
                // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: 552, message size exceeds the maximum.
                sink.write(b, from, (int) room);
                rejection = Replies.MESSAGE_TOO_BIG;
            } else {
                sink.write(b, from, n);
            }
        }
        size += n;
    }

    /**
     * Refuses the message for the octet at {@code at}: the content before it (from
     * {@code runStart}) is written, nothing after. Whatever the split of the input, the sink
     * of a refused message thus holds the same octets. Returns the new start of the run.
     */
    private int refuse(Reply reply, byte[] b, int runStart, int at) throws IOException {
        emit(b, runStart, at);
        if (rejection == null) {
            rejection = reply;
        }
        return at;
    }

    public boolean isDone() {
        return state == DONE;
    }

    public DataOutcome outcome() {
        if (state != DONE) {
            throw new IllegalStateException("the end of data has not been seen yet");
        }
        return rejection == null ? new DataOutcome.Accepted(size) : new DataOutcome.Rejected(rejection, size);
    }
}
