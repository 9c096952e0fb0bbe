package smtp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the lines of a multi-line reply as they arrive (RFC 5321 §4.2.1: every line but
 * the last has a hyphen after the code) and yields the complete {@link Reply}. Used by the
 * client side; one instance per connection, not thread-safe.
 *
 * <h2>Diagnostics</h2>
 * A line that is not a reply line, a code that changes in the middle of a reply, or more than
 * {@link #MAX_LINES} lines yield an {@link ParseResult.Invalid}; the assembler is then reset.
 */
public final class ReplyAssembler {

    /** A defensive bound on the lines of one reply (an EHLO reply has a few dozen at most). */
    public static final int MAX_LINES = 512;

    private final List<String> pending = new ArrayList<>();

    /**
     * Accepts one line without its CRLF. Returns the reply once its last line is seen,
     * empty while more lines are expected.
     */
    public Optional<ParseResult<Reply>> accept(String line) {
        boolean continuation = line.length() > 3 && line.charAt(3) == '-';
        // RFC 5321 §4.2.1: "the reply code on each of the lines MUST be the same". A broken
        // continuation line fails at once instead of waiting for a last line that may never come.
        boolean broken = smtp.wire.internal.ReplySyntax.code(line) < 0
                || (!pending.isEmpty() && !line.regionMatches(0, pending.get(0), 0, 3));
        pending.add(line);
        if (continuation && !broken && pending.size() < MAX_LINES) {
            return Optional.empty();
        }
        List<String> lines = List.copyOf(pending);
        pending.clear();
        if (continuation && !broken) {
            return Optional.of(ParseResult.invalid(Reply.of(421, "4.5.0", "Malformed reply: more than " + MAX_LINES + " lines")));
        }
        return Optional.of(Reply.parse(lines));
    }

    /** True while a multi-line reply has started but not ended. */
    public boolean inProgress() {
        return !pending.isEmpty();
    }
}
