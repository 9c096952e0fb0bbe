package smtp.wire;

import java.util.Objects;

/**
 * {@code mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF}, RFC 5321 §4.1.1.2.
 *
 * @param reversePath the reverse-path, possibly null ({@code <>})
 * @param parameters  the ESMTP parameters
 */
public record Mail(ReversePath reversePath, MailParameters parameters) implements Command {

    public Mail {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public String verb() {
        return "MAIL";
    }

    @Override
    public String format() {
        return "MAIL FROM:" + reversePath + parameters.format();
    }
}
