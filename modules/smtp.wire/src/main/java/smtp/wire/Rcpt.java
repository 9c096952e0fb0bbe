package smtp.wire;

import java.util.Objects;

/**
 * {@code rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters] CRLF},
 * RFC 5321 §4.1.1.3.
 *
 * @param forwardPath the forward-path
 * @param parameters  the ESMTP parameters
 */
public record Rcpt(ForwardPath forwardPath, RcptParameters parameters) implements Command {

    public Rcpt {
        Objects.requireNonNull(forwardPath, "forwardPath");
        Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public String verb() {
        return "RCPT";
    }

    @Override
    public String format() {
        return "RCPT TO:" + forwardPath + parameters.format();
    }
}
