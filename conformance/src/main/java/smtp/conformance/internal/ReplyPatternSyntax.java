package smtp.conformance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smtp.conformance.ReplyPattern;
import smtp.conformance.ReplyPattern.Alternative;
import smtp.conformance.ReplyPattern.Any;
import smtp.conformance.ReplyPattern.Closed;
import smtp.conformance.ReplyPattern.Code;
import smtp.conformance.ReplyPattern.Status;
import smtp.conformance.ReplyPattern.StatusPattern;

/** Reads and writes the pattern of an {@code S:} line; the grammar is on {@link ReplyPattern}. */
public final class ReplyPatternSyntax {

    private ReplyPatternSyntax() {
    }

    static final Pattern CODE_TOKEN = Pattern.compile("([2-5.][0-9.][0-9.])(?:-([A-Za-z0-9][A-Za-z0-9-]{0,63}))?");
    static final Pattern TOKEN = Pattern.compile("[^ \\t]+");

    /** Parses the text after {@code S:}; never throws. */
    public static Checked<ReplyPattern> parse(String written) {
        List<int[]> spans = new ArrayList<>();
        Matcher t = TOKEN.matcher(written);
        while (t.find()) {
            spans.add(new int[] {t.start(), t.end()});
        }
        if (spans.isEmpty()) {
            return Checked.error("S: needs a reply pattern such as 250, 2.., 5.5.* or closed");
        }
        List<Alternative> alternatives = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i >= spans.size()) {
                return Checked.error("a reply pattern is missing after |");
            }
            String token = token(written, spans, i);
            Matcher code = CODE_TOKEN.matcher(token);
            if (token.equals("closed")) {
                alternatives.add(new Closed());
                i++;
            } else if (token.equals("*")) {
                alternatives.add(new Any());
                i++;
            } else if (ReplyPattern.STATUS.matcher(token).matches()) {
                alternatives.add(new Status(status(token)));
                i++;
            } else if (code.matches()) {
                i++;
                Optional<StatusPattern> status = Optional.empty();
                if (i < spans.size() && ReplyPattern.STATUS.matcher(token(written, spans, i)).matches()) {
                    StatusPattern s = status(token(written, spans, i));
                    char first = code.group(1).charAt(0);
                    if (first != '.' && first - '0' != s.statusClass()) {
                        return Checked.error("status " + s + " does not match code " + code.group(1)
                                + " (RFC 3463 §2: the class is the first digit of the code)");
                    }
                    status = Optional.of(s);
                    i++;
                }
                alternatives.add(new Code(code.group(1), Optional.ofNullable(code.group(2)), status));
            } else {
                return Checked.error("not a reply pattern: " + ClientTextSyntax.printable(token)
                        + " (expected a code like 250 or 2.., a status like 5.5.*, closed or *)");
            }
            if (i < spans.size() && token(written, spans, i).equals("|")) {
                i++;
                continue;
            }
            break;
        }
        String raw = i < spans.size() ? written.substring(spans.get(i)[0]) : "";
        if (raw.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
            return Checked.error("control character in the note of S:");
        }
        String note = raw.strip();
        Optional<String> problem = ReplyPattern.noteProblem(note);
        if (problem.isPresent()) {
            return Checked.error(problem.get());
        }
        return Checked.ok(new ReplyPattern(alternatives, note));
    }

    private static String token(String s, List<int[]> spans, int i) {
        return s.substring(spans.get(i)[0], spans.get(i)[1]);
    }

    private static StatusPattern status(String token) {
        Matcher m = ReplyPattern.STATUS.matcher(token);
        if (!m.matches()) {
            throw new IllegalStateException("caller checked the status syntax");
        }
        return new StatusPattern(Integer.parseInt(m.group(1)), part(m.group(2)), part(m.group(3)));
    }

    private static int part(String s) {
        return s.equals("*") ? -1 : Integer.parseInt(s);
    }

    /** Writes a pattern; {@code parse(format(p))} equals {@code p}. */
    public static String format(ReplyPattern pattern) {
        StringBuilder sb = new StringBuilder();
        for (Alternative a : pattern.alternatives()) {
            if (!sb.isEmpty()) {
                sb.append(" | ");
            }
            switch (a) {
                case Code c -> {
                    sb.append(c.code());
                    c.keyword().ifPresent(k -> sb.append('-').append(k));
                    c.status().ifPresent(s -> sb.append(' ').append(s));
                }
                case Status s -> sb.append(s.status());
                case Closed closed -> sb.append("closed");
                case Any any -> sb.append('*');
            }
        }
        if (!pattern.note().isEmpty()) {
            sb.append(' ').append(pattern.note());
        }
        return sb.toString();
    }
}
