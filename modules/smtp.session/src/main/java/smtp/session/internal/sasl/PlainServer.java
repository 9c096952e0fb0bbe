package smtp.session.internal.sasl;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;
import smtp.session.CredentialStore;

/**
 * The server side of SASL PLAIN, RFC 4616 §2:
 *
 * <pre>
 * message   = [authzid] UTF8NUL authcid UTF8NUL passwd
 * authcid   = 1*SAFE ; MUST accept up to 255 octets
 * authzid   = 1*SAFE ; MUST accept up to 255 octets
 * passwd    = 1*SAFE ; MUST accept up to 255 octets
 * </pre>
 *
 * "The server will verify the authentication identity (authcid) and password (passwd) ... If
 * the client provided an authorization identity (authzid), the server ... verifies that the
 * authcid is authorized to act as the authzid." Without an initial response the server sends an
 * empty challenge (RFC 4954 §4).
 */
final class PlainServer implements ServerMechanism {

    private final CredentialStore store;

    PlainServer(CredentialStore store) {
        this.store = store;
    }

    @Override
    public SaslStep start(Optional<byte[]> initialResponse) {
        return initialResponse.map(this::respond).orElseGet(() -> new SaslStep.Challenge(new byte[0]));
    }

    @Override
    public SaslStep respond(byte[] response) {
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(response)).toString();
        } catch (CharacterCodingException e) {
            return SaslStep.malformed();
        }
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return SaslStep.malformed();
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        String passwd = message.substring(second + 1);
        if (authcid.isEmpty() || passwd.isEmpty()) {
            return SaslStep.malformed();
        }
        Optional<String> user = PasswordCheck.verify(store, authcid, passwd);
        if (user.isEmpty()) {
            return SaslStep.invalid();
        }
        if (authzid.isEmpty()) {
            return new SaslStep.Success(user.get(), Optional.empty());
        }
        Optional<String> zid = SaslPrep.prepare(authzid);
        if (zid.isEmpty() || !store.mayActAs(user.get(), zid.get())) {
            return SaslStep.invalid();
        }
        return new SaslStep.Success(zid.get(), Optional.empty());
    }
}
