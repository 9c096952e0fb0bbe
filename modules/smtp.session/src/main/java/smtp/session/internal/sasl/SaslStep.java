package smtp.session.internal.sasl;

import java.util.Objects;
import java.util.Optional;
import smtp.wire.Reply;

/** One step of a server-side SASL exchange (RFC 4422 §3): a challenge, success or failure. */
public sealed interface SaslStep permits SaslStep.Challenge, SaslStep.Success, SaslStep.Failure {

    /** Send this challenge (334 + base64) and wait for the client's response. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * Authenticated as {@code identity} (the authorization identity); {@code additional} is the
     * mechanism's additional data with success (SCRAM's server-final-message).
     */
    record Success(String identity, Optional<byte[]> additional) implements SaslStep {
        public Success {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(additional, "additional");
        }
    }

    /** The exchange failed with this reply (535 5.7.8, or 501 5.5.2 for a malformed message). */
    record Failure(Reply reply) implements SaslStep {
        public Failure {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** RFC 4954 §6: 535 5.7.8 Authentication credentials invalid. */
    Reply INVALID_CREDENTIALS = Reply.of(535, "5.7.8", "Authentication credentials invalid");

    /** A response that does not follow the mechanism's syntax. */
    Reply MALFORMED = Reply.of(501, "5.5.2", "Malformed SASL response");

    static SaslStep invalid() {
        return new Failure(INVALID_CREDENTIALS);
    }

    static SaslStep malformed() {
        return new Failure(MALFORMED);
    }
}
