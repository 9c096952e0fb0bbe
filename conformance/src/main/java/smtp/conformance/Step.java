package smtp.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of a scenario's dialogue. Consecutive {@link Send} steps go out in one write, which
 * is how scenarios pipeline (RFC 2920) and inject text after STARTTLS; every other step first
 * flushes what is pending.
 */
public sealed interface Step
        permits Step.Send, Step.Expect, Step.StartTls, Step.Authenticate, Step.Pause, Step.ExpectClose,
        Step.Body, Step.Advertised {

    /** The longest {@link Pause}. */
    Duration MAX_PAUSE = Duration.ofSeconds(10);

    /**
     * {@code C:} (a line, CRLF appended) or {@code R:} (raw octets, nothing appended).
     *
     * @param text    what to send
     * @param lineEnd true for {@code C:}: append CRLF
     */
    record Send(ClientText text, boolean lineEnd) implements Step {
        public Send {
            Objects.requireNonNull(text, "text");
            if (!lineEnd && text.parts().isEmpty()) {
                throw new IllegalArgumentException("an R: line sends at least one octet");
            }
        }
    }

    /** {@code S:}: read one reply and match it. @param pattern the expectation */
    record Expect(ReplyPattern pattern) implements Step {
        public Expect {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code !starttls}: the TLS handshake, after the server's 220 to STARTTLS (RFC 3207 §4). */
    record StartTls() implements Step {
    }

    /**
     * {@code !auth PLAIN|LOGIN [wrong]}: sends AUTH with the run's credentials (RFC 4954 §4);
     * the next {@code S:} matches the final reply. With {@code wrong}, a password that is
     * certainly wrong is sent instead (and no credentials are needed).
     *
     * @param mechanism     the SASL mechanism
     * @param wrongPassword send a wrong password on purpose
     */
    record Authenticate(Mechanism mechanism, boolean wrongPassword) implements Step {
        public Authenticate {
            Objects.requireNonNull(mechanism, "mechanism");
        }
    }

    /** The SASL mechanisms {@link Authenticate} can drive. */
    enum Mechanism {
        /** RFC 4616, sent with an initial response. */
        PLAIN,
        /** The LOGIN mechanism (draft-murchison-sasl-login): user and password as 334 answers. */
        LOGIN
    }

    /** {@code !pause MILLIS}: wait, at most {@link #MAX_PAUSE}. @param duration how long */
    record Pause(Duration duration) implements Step {
        public Pause {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.compareTo(MAX_PAUSE) > 0 || duration.toNanos() % 1_000_000 != 0) {
                throw new IllegalArgumentException("pause out of range or not whole milliseconds: " + duration);
            }
        }
    }

    /** {@code !expect-close}: the server closes the connection without another reply. */
    record ExpectClose() implements Step {
    }

    /**
     * {@code !body SIZE}: at least SIZE octets of message text in CRLF-terminated lines that
     * never start with "." (no stuffing needed); SIZE may be a parameter such as
     * {@code ${ehlo:SIZE+1}}. A size over {@link Options#maxMessageBytes()} makes the scenario n/a.
     *
     * @param size the size, written as client text that must resolve to a decimal number
     */
    record Body(ClientText size) implements Step {
        public Body {
            Objects.requireNonNull(size, "size");
            boolean ok = size.parts().size() == 1 && switch (size.parts().getFirst()) {
                case ClientText.Literal l -> l.octets().matches("[0-9]{1,9}");
                case ClientText.Parameter p -> true;
                case ClientText.Repeat r -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("!body takes a decimal size (up to 9 digits) or one parameter");
            }
        }
    }

    /**
     * {@code !advertised KEYWORD} / {@code !not-advertised KEYWORD}: checks the latest EHLO
     * reply of the scenario.
     *
     * @param keyword the EHLO keyword (case-insensitive)
     * @param present true for {@code !advertised}
     */
    record Advertised(String keyword, boolean present) implements Step {
        public Advertised {
            Objects.requireNonNull(keyword, "keyword");
            if (!ClientText.KEYWORD.matcher(keyword).matches()) {
                throw new IllegalArgumentException("bad keyword: " + keyword);
            }
        }
    }
}
