package smtp.conformance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import smtp.conformance.ClientText;
import smtp.conformance.Options;
import smtp.wire.Xtext;

/**
 * Fills in the parameters of client text from the run's options and the latest EHLO reply.
 * A value that is not available (no {@code --to}, an extension parameter not advertised) makes
 * the scenario n/a: the error message of the result says why.
 */
final class Bindings {

    /** A mailbox that should not exist at the recipient's domain (RFC 5321 Appendix D.1 "Green"). */
    static final String NO_SUCH_USER = "no-such-user.conformance";

    private final Options options;

    Bindings(Options options) {
        this.options = options;
    }

    Checked<byte[]> resolve(ClientText text, EhloKeywords ehlo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClientText.Part part : text.parts()) {
            switch (part) {
                case ClientText.Literal l -> out.writeBytes(ClientTextSyntax.octets(l));
                case ClientText.Repeat r -> {
                    byte[] unit = r.text().getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < r.count(); i++) {
                        out.writeBytes(unit);
                    }
                }
                case ClientText.Parameter p -> {
                    Checked<String> value = value(p, ehlo);
                    switch (value) {
                        case Checked.Ok<String> ok -> out.writeBytes(ok.value().getBytes(StandardCharsets.UTF_8));
                        case Checked.Error<String> e -> {
                            return Checked.error(e.message());
                        }
                    }
                }
            }
        }
        return Checked.ok(out.toByteArray());
    }

    Checked<String> value(ClientText.Parameter p, EhloKeywords ehlo) {
        String name = p.name();
        if (name.startsWith("ehlo:")) {
            String keyword = name.substring(5);
            List<String> params = ehlo.parameters(keyword).orElse(null);
            if (params == null) {
                return Checked.error("the server does not advertise " + keyword);
            }
            if (p.addend() == 0) {
                return params.isEmpty() ? Checked.error("the server advertises " + keyword + " without a parameter")
                        : Checked.ok(params.getFirst());
            }
            // A numeric parameter such as SIZE's limit; RFC 1870 §3: 0 or none means no fixed limit.
            if (params.isEmpty() || !params.getFirst().matches("[0-9]{1,18}") || Long.parseLong(params.getFirst()) == 0) {
                return Checked.error("the server advertises " + keyword + " without a fixed (positive, numeric) limit");
            }
            return Checked.ok(Long.toString(Long.parseLong(params.getFirst()) + p.addend()));
        }
        String to = options.to().orElse("");
        return switch (name) {
            case "helo" -> Checked.ok(options.helo());
            case "from" -> Checked.ok(options.from());
            case "from-domain" -> Checked.ok(options.fromDomain());
            case "to", "to-domain", "to-xtext", "nouser" -> options.to().isEmpty()
                    ? Checked.error(NEEDS_TO)
                    : Checked.ok(switch (name) {
                        case "to" -> to;
                        case "to-domain" -> domain(to);
                        case "to-xtext" -> Xtext.encode(to);
                        default -> NO_SUCH_USER + "@" + domain(to);
                    });
            default -> throw new IllegalStateException("ClientText.Parameter admitted unknown name " + name);
        };
    }

    static final String NEEDS_TO = "needs --to (a mailbox that may receive test messages)";

    static String domain(String mailbox) {
        return mailbox.substring(mailbox.lastIndexOf('@') + 1);
    }

    /** True if the text needs {@code --to}. */
    static boolean needsRecipient(ClientText text) {
        return text.uses("to") || text.uses("to-domain") || text.uses("to-xtext") || text.uses("nouser");
    }
}
