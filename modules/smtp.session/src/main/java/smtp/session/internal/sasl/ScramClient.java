package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client side of SCRAM-SHA-256, RFC 7677 and RFC 5802 §3, §5, without channel binding
 * (gs2-header {@code n,,}). The password never crosses the wire; the client checks the
 * server's {@code v=} signature, so a server that does not know the password is detected.
 */
final class ScramClient implements ClientMechanism {

    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;
    private boolean verified;
    private String failure = "";
    private int step;

    ScramClient(String username, String password) {
        this(username, password, ScramServer::randomNonce);
    }

    /** With a chosen nonce (tests replay RFC 7677's example). */
    ScramClient(String username, String password, Supplier<String> nonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = nonce.get();
    }

    @Override
    public String name() {
        return "SCRAM-SHA-256";
    }

    @Override
    public Optional<byte[]> initialResponse() {
        String user = SaslPrep.prepare(username).orElse(username);
        clientFirstBare = "n=" + Scram.encodeName(user) + ",r=" + clientNonce;
        return Optional.of(("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<byte[]> evaluate(byte[] challenge) {
        step++;
        String message = new String(challenge, StandardCharsets.UTF_8);
        if (step == 1) {
            return clientFinal(message);
        }
        if (step == 2) {
            if (verify(message)) {
                return Optional.of(new byte[0]); // RFC 4954 §4: acknowledge additional data with an empty response
            }
            return Optional.empty();
        }
        failure = "unexpected SCRAM challenge";
        return Optional.empty();
    }

    private Optional<byte[]> clientFinal(String serverFirst) {
        String[] attrs = serverFirst.split(",", -1);
        if (attrs.length < 3 || !attrs[0].startsWith("r=" + clientNonce) || !attrs[1].startsWith("s=")
                || !attrs[2].startsWith("i=")) {
            failure = "malformed SCRAM server-first-message";
            return Optional.empty();
        }
        byte[] salt;
        int iterations;
        try {
            salt = Base64.getDecoder().decode(attrs[1].substring(2));
            iterations = Integer.parseInt(attrs[2].substring(2));
        } catch (IllegalArgumentException e) {
            failure = "malformed SCRAM salt or iteration count";
            return Optional.empty();
        }
        // RFC 7677 §4: the iteration count SHOULD be at least 4096; refuse weaker (and absurd) ones.
        if (iterations < 4096 || iterations > 10_000_000 || salt.length == 0) {
            failure = "SCRAM iteration count " + iterations + " out of range";
            return Optional.empty();
        }
        String pass = SaslPrep.prepare(password).orElse(password);
        byte[] salted = Scram.saltedPassword(pass, salt, iterations);
        byte[] clientKey = Scram.clientKey(salted);
        byte[] storedKey = Scram.sha256(clientKey);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.US_ASCII))
                + "," + attrs[0];
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] proof = Scram.xor(clientKey, Scram.hmac(storedKey, authMessage));
        serverSignature = Scram.hmac(Scram.serverKey(salted), authMessage);
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        return Optional.of(clientFinal.getBytes(StandardCharsets.UTF_8));
    }

    private boolean verify(String serverFinal) {
        if (serverSignature == null || !serverFinal.startsWith("v=")) {
            failure = serverFinal.startsWith("e=") ? "SCRAM server error " + serverFinal.substring(2)
                    : "malformed SCRAM server-final-message";
            return false;
        }
        int comma = serverFinal.indexOf(',');
        String v = comma < 0 ? serverFinal.substring(2) : serverFinal.substring(2, comma);
        try {
            verified = MessageDigest.isEqual(Base64.getDecoder().decode(v), serverSignature);
        } catch (IllegalArgumentException e) {
            verified = false;
        }
        if (!verified) {
            failure = "the server's SCRAM signature is wrong: it does not know the password";
        }
        return verified;
    }

    @Override
    public boolean acceptSuccess(Optional<byte[]> successData) {
        if (!verified && successData.isPresent()) {
            verify(new String(successData.get(), StandardCharsets.UTF_8));
        }
        if (!verified && failure.isEmpty()) {
            failure = "the server did not prove that it knows the password (no SCRAM v=)";
        }
        return verified;
    }

    @Override
    public String failure() {
        return failure;
    }
}
