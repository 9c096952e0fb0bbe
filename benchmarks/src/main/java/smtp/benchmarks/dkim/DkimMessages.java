package smtp.benchmarks.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSignerOptions;
import smtp.auth.DkimSigningKey;
import smtp.wire.HeaderField;

/** Deterministic test mail for the DKIM benchmarks: plain text that looks like real mail. */
final class DkimMessages {

    private DkimMessages() {
    }

    static final String HEADER = "From: Joe SixPack <joe@football.example.com>\r\n"
            + "To: Suzie Q <suzie@shopping.example.net>, Mary <mary@example.org>\r\n"
            + "Subject: Is dinner ready? Quarterly figures attached\r\n"
            + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
            + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Received: from mail.example.net by mx.example.org; Fri, 11 Jul 2003 21:01:00 -0700\r\n"
            + "\r\n";

    private static final String[] WORDS = {"the", "quarterly", "figures", "are", "attached", "and", "we", "lost",
        "game", "dinner", "ready", "yet?", "Please", "review", "by", "Friday.", "numbers", "look", "good,", "but",
        "caf\u00e9", "revenue", "grew", "12%", "over", "last", "year", "—", "thanks!", "Joe"};

    /** A body of about {@code size} octets: lines of ~72 characters, the odd double space, tab and trailing space. */
    static byte[] body(int size) {
        return body(size, true);
    }

    /**
     * The same text, but with single spaces only and no trailing space when {@code dirty} is
     * false (text as most mail programs write it: relaxed canonicalization changes nothing).
     */
    static byte[] body(int size, boolean dirty) {
        Random r = new Random(size);
        StringBuilder sb = new StringBuilder(size + 100);
        StringBuilder line = new StringBuilder();
        while (sb.length() < size) {
            line.setLength(0);
            while (line.length() < 66) {
                if (!line.isEmpty()) {
                    int k = r.nextInt(40);
                    line.append(!dirty ? " " : k == 0 ? "  " : k == 1 ? "\t" : " ");
                }
                line.append(WORDS[r.nextInt(WORDS.length)]);
            }
            if (r.nextInt(10) == 0 && dirty) {
                line.append(' ');
            }
            sb.append(line).append("\r\n");
            if (r.nextInt(8) == 0) {
                sb.append("\r\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] message(int bodySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body(bodySize));
        return out.toByteArray();
    }

    static KeyPair keyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signing key for "rsa-sha256" (2048 bits) or "ed25519-sha256". */
    static DkimSigningKey key(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha256" -> {
                KeyPair kp = keyPair("RSA", 2048);
                yield new DkimSigningKey(DkimAlgorithm.RSA_SHA256, kp.getPrivate(), kp.getPublic(), "football.example.com", "rsa");
            }
            case "ed25519-sha256" -> {
                KeyPair kp = keyPair("Ed25519", 0);
                yield new DkimSigningKey(DkimAlgorithm.ED25519_SHA256, kp.getPrivate(), kp.getPublic(), "football.example.com", "ed");
            }
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    /** {@code message} with the DKIM-Signature of {@code key} (relaxed/relaxed) prepended. */
    static byte[] signed(DkimSigningKey key, byte[] message) {
        List<HeaderField> fields = new DkimSigner(List.of(key), DkimSignerOptions.defaults()).sign(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
        fields.forEach(f -> out.writeBytes(f.raw()));
        out.writeBytes(message);
        return out.toByteArray();
    }
}
