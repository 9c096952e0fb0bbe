package smtp.session.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import smtp.session.CredentialStore;
import smtp.session.ScramCredential;

/**
 * The server side of SCRAM-SHA-256, RFC 7677 and RFC 5802 §5, without channel binding (the
 * {@code -PLUS} variant is not offered):
 *
 * <pre>
 * client-first-message = gs2-header client-first-message-bare
 * gs2-header           = gs2-cbind-flag "," [ authzid ] ","
 * gs2-cbind-flag       = ("p=" cb-name) / "n" / "y"
 * client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
 * server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]
 * client-final-message = client-final-message-without-proof "," proof
 * client-final-message-without-proof = channel-binding "," nonce ["," extensions]
 * server-final-message = (server-error / verifier) ["," extensions]
 * AuthMessage          = client-first-message-bare + "," + server-first-message + "," +
 *                        client-final-message-without-proof
 * </pre>
 *
 * The server proves it knows the password too ({@code v=} ServerSignature), sent as additional
 * data with success. An unknown user gets a salt derived from the name and fails only at the
 * proof, so that the exchange does not reveal which users exist (RFC 5802 §5.1, "i").
 */
final class ScramServer implements ServerMechanism {

    /** A per-process secret for the salts of unknown users. */
    private static final byte[] FAKE_SALT_KEY = randomKey();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final CredentialStore store;
    private final Supplier<String> nonces;
    private ScramCredential credential;
    private boolean known;
    private String identity;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private boolean done;

    ScramServer(CredentialStore store) {
        this(store, ScramServer::randomNonce);
    }

    /** With a chosen nonce source (tests replay RFC 7677's example). */
    ScramServer(CredentialStore store, Supplier<String> nonces) {
        this.store = store;
        this.nonces = nonces;
    }

    static String randomNonce() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public SaslStep start(Optional<byte[]> initialResponse) {
        // SCRAM is client-first; without an initial response ask for it with an empty challenge.
        return initialResponse.map(this::respond).orElseGet(() -> new SaslStep.Challenge(new byte[0]));
    }

    @Override
    public SaslStep respond(byte[] response) {
        if (done) {
            return SaslStep.malformed();
        }
        String message = new String(response, StandardCharsets.UTF_8);
        return clientFirstBare == null ? clientFirst(message) : clientFinal(message);
    }

    private SaslStep clientFirst(String message) {
        // gs2-header: only "n" and "y" (no channel binding offered, so "y" is acceptable).
        if (!(message.startsWith("n,") || message.startsWith("y,"))) {
            done = true;
            return SaslStep.malformed();
        }
        int second = message.indexOf(',', 2);
        if (second < 0) {
            done = true;
            return SaslStep.malformed();
        }
        String authzField = message.substring(2, second);
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        // RFC 5802 §5.1 "m": reserved; a server MUST fail authentication when it is present.
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=") || attrs[1].length() < 3) {
            done = true;
            return SaslStep.malformed();
        }
        // gs2-header: authzid = "a=" saslname, or nothing.
        Optional<String> decoded = Scram.decodeName(attrs[0].substring(2));
        boolean hasAuthzid = authzField.startsWith("a=");
        Optional<String> authzid = hasAuthzid ? Scram.decodeName(authzField.substring(2)) : Optional.empty();
        if (decoded.isEmpty() || (!authzField.isEmpty() && !hasAuthzid) || (hasAuthzid && authzid.isEmpty())) {
            done = true;
            return SaslStep.malformed();
        }
        String name = decoded.get();
        Optional<String> user = SaslPrep.prepare(name);
        Optional<ScramCredential> stored = user.flatMap(store::lookup);
        known = stored.isPresent();
        credential = stored.orElseGet(() -> fake(name));
        identity = user.orElse(name);
        if (authzid.isPresent()) {
            Optional<String> zid = SaslPrep.prepare(authzid.get());
            if (zid.isEmpty() || !known || !store.mayActAs(identity, zid.get())) {
                known = false; // fail at the proof, like an unknown user
            } else {
                identity = zid.get();
            }
        }
        nonce = attrs[1].substring(2) + nonces.get();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFinal(String message) {
        done = true;
        int p = message.lastIndexOf(",p=");
        if (p < 0) {
            return SaslStep.malformed();
        }
        String withoutProof = message.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].equals("r=" + nonce)) {
            return SaslStep.malformed();
        }
        byte[] proof;
        byte[] binding;
        try {
            binding = Base64.getDecoder().decode(attrs[0].substring(2));
            proof = Base64.getDecoder().decode(message.substring(p + 3));
        } catch (IllegalArgumentException e) {
            return SaslStep.malformed();
        }
        // Without channel binding, c= is the base64 of the gs2-header itself (RFC 5802 §7).
        if (!Arrays.equals(binding, gs2Header.getBytes(StandardCharsets.UTF_8)) || proof.length != 32) {
            return SaslStep.invalid();
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Scram.hmac(credential.storedKey(), authMessage);
        byte[] clientKey = Scram.xor(proof, clientSignature);
        if (!MessageDigest.isEqual(Scram.sha256(clientKey), credential.storedKey()) || !known) {
            return SaslStep.invalid();
        }
        byte[] serverSignature = Scram.hmac(credential.serverKey(), authMessage);
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return new SaslStep.Success(identity, Optional.of(serverFinal.getBytes(StandardCharsets.UTF_8)));
    }

    /** A credential that no proof matches, with a stable salt per name. */
    private static ScramCredential fake(String name) {
        byte[] salt = Arrays.copyOf(Scram.hmac(FAKE_SALT_KEY, name), 16);
        byte[] noKey = Scram.sha256(salt);
        return new ScramCredential(ScramCredential.DEFAULT_ITERATIONS, salt, noKey, noKey);
    }
}
