package smtp.auth.internal.spf;

import smtp.auth.SpfResult;

/**
 * The qualifier of a directive, RFC 7208 §4.6.2: {@code qualifier = "+" / "-" / "?" / "~"},
 * "+" when omitted.
 */
public enum Qualifier {
    PASS('+', SpfResult.PASS),
    FAIL('-', SpfResult.FAIL),
    SOFTFAIL('~', SpfResult.SOFTFAIL),
    NEUTRAL('?', SpfResult.NEUTRAL);

    private final char symbol;
    private final SpfResult result;

    Qualifier(char symbol, SpfResult result) {
        this.symbol = symbol;
        this.result = result;
    }

    /** The result check_host returns when a directive with this qualifier matches. */
    public SpfResult result() {
        return result;
    }

    /** The character as written. */
    public char symbol() {
        return symbol;
    }

    /** The qualifier written {@code c}, if {@code c} is one of "+-~?". */
    static java.util.Optional<Qualifier> of(char c) {
        for (Qualifier q : values()) {
            if (q.symbol == c) {
                return java.util.Optional.of(q);
            }
        }
        return java.util.Optional.empty();
    }
}
