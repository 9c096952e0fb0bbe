package smtp.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import smtp.wire.EnhancedStatus;
import smtp.wire.Reply;

/**
 * The expectation of an {@code S:} line: one or more alternatives separated by {@code |},
 * then an optional note (free text, like the RFC's own examples: {@code S: 550 No such user}).
 * One {@code S:} line matches one whole reply, however many lines it has (RFC 5321 §4.2.1).
 *
 * <pre>
 * expect      = alternative *( SP "|" SP alternative ) [ SP note ]
 * alternative = code [ "-" keyword ] [ SP status ]    ; 250, 2.., 250-SIZE, 250 2.1.0
 *             / status                                ; 5.5.*: any code with that status
 *             / "closed"                              ; the server closed the connection
 *             / "*"                                   ; any well-formed reply
 * code        = ( "2" / "3" / "4" / "5" / "." ) 2( DIGIT / "." )   ; "." matches any digit
 * status      = ( "2" / "4" / "5" ) "." part "." part  ; part = 1*3DIGIT / "*"
 * </pre>
 *
 * @param alternatives at least one
 * @param note         free text shown in reports; empty for none
 */
public record ReplyPattern(List<Alternative> alternatives, String note) {

    static final Pattern CODE = Pattern.compile("[2-5.][0-9.][0-9.]");
    /** RFC 3463 §2 status-code, with "*" for any subject or detail. */
    public static final Pattern STATUS = Pattern.compile("([245])\\.([0-9]{1,3}|\\*)\\.([0-9]{1,3}|\\*)");

    public ReplyPattern {
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(note, "note");
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a reply pattern has at least one alternative");
        }
        noteProblem(note).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + ": " + note);
        });
    }

    /**
     * Why {@code note} cannot be the note of a pattern, if it cannot: it is free text without
     * control characters or surrounding white space, and its first word must not read as part
     * of the pattern ("|" or a status code).
     */
    public static Optional<String> noteProblem(String note) {
        if (note.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
            return Optional.of("control character in the note");
        }
        if (!note.equals(note.strip())) {
            return Optional.of("white space around the note");
        }
        String first = note.split("[ \t]", 2)[0];
        if (first.equals("|")) {
            return Optional.of("a note cannot start with |");
        }
        if (STATUS.matcher(first).matches()) {
            return Optional.of("a status code after this alternative is ambiguous: write it right after a reply code");
        }
        return Optional.empty();
    }

    /** One way a reply may look. */
    public sealed interface Alternative permits Code, Status, Closed, Any {
    }

    /**
     * A reply code, optionally an EHLO keyword that one of its lines starts with, optionally an
     * enhanced status code (RFC 3463) that the reply must carry.
     *
     * @param code    three characters, each a digit or "." for any digit
     * @param keyword a word that some line of the reply starts with (case-insensitive)
     * @param status  a status the reply must carry
     */
    public record Code(String code, Optional<String> keyword, Optional<StatusPattern> status) implements Alternative {
        public Code {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(status, "status");
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("bad code pattern: " + code);
            }
            keyword.ifPresent(k -> {
                if (!ClientText.KEYWORD.matcher(k).matches()) {
                    throw new IllegalArgumentException("bad keyword: " + k);
                }
            });
            if (status.isPresent() && code.charAt(0) != '.' && code.charAt(0) - '0' != status.get().statusClass()) {
                throw new IllegalArgumentException("status class does not match code " + code);
            }
        }
    }

    /** @param status the enhanced status code any reply must carry, whatever its code */
    public record Status(StatusPattern status) implements Alternative {
        public Status {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The server closed the connection (end of stream) instead of replying. */
    public record Closed() implements Alternative {
    }

    /** Any well-formed reply. */
    public record Any() implements Alternative {
    }

    /**
     * An enhanced status code pattern, RFC 3463 §2 {@code class "." subject "." detail}.
     *
     * @param statusClass 2, 4 or 5
     * @param subject     0 to 999, or -1 for any
     * @param detail      0 to 999, or -1 for any
     */
    public record StatusPattern(int statusClass, int subject, int detail) {
        public StatusPattern {
            if (statusClass != 2 && statusClass != 4 && statusClass != 5
                    || subject < -1 || subject > 999 || detail < -1 || detail > 999) {
                throw new IllegalArgumentException("bad status pattern");
            }
        }

        boolean matches(EnhancedStatus s) {
            return s.statusClass() == statusClass && (subject < 0 || s.subject() == subject)
                    && (detail < 0 || s.detail() == detail);
        }

        @Override
        public String toString() {
            return statusClass + "." + (subject < 0 ? "*" : subject) + "." + (detail < 0 ? "*" : detail);
        }
    }

    /** True if {@code reply} satisfies one alternative other than {@link Closed}. */
    public boolean matches(Reply reply) {
        for (Alternative a : alternatives) {
            boolean hit = switch (a) {
                case Code c -> codeMatches(c.code(), reply.code())
                        && c.keyword().map(k -> hasKeyword(reply, k)).orElse(true)
                        && c.status().map(s -> reply.status().map(s::matches).orElse(false)).orElse(true);
                case Status s -> reply.status().map(s.status()::matches).orElse(false);
                case Closed closed -> false;
                case Any any -> true;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** True if one alternative is {@link Closed}. */
    public boolean allowsClose() {
        return alternatives.stream().anyMatch(a -> a instanceof Closed);
    }

    static boolean codeMatches(String pattern, int code) {
        String digits = Integer.toString(code);
        for (int i = 0; i < 3; i++) {
            if (pattern.charAt(i) != '.' && pattern.charAt(i) != digits.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean hasKeyword(Reply reply, String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        for (String line : reply.lines()) {
            String first = line.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (first.equals(k)) {
                return true;
            }
        }
        return false;
    }

    /** The pattern in scenario-file syntax, without the {@code S:} prefix. */
    public String format() {
        return smtp.conformance.internal.ReplyPatternSyntax.format(this);
    }
}
