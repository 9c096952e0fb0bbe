package smtp.conformance;

/**
 * The requirement level of the rule a scenario checks, in the words of RFC 2119 (which the
 * SMTP RFCs use; RFC 1870 and RFC 2034 predate it and write "must" in lower case, which this
 * runner reads as MUST).
 *
 * <p>Only a failed {@link #MUST} makes the run fail ({@link RunResult#exitCode()}); SHOULD and
 * MAY failures are reported but are not violations of the specification.
 */
public enum Level {
    /** An absolute requirement (RFC 2119 §1: MUST, REQUIRED, SHALL; MUST NOT). */
    MUST,
    /** A recommendation that may be ignored for valid reasons (RFC 2119 §3: SHOULD, RECOMMENDED). */
    SHOULD,
    /** Truly optional behaviour, reported for information (RFC 2119 §5: MAY, OPTIONAL). */
    MAY
}
