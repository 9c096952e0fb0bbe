package smtp.session;

import java.util.Objects;
import smtp.wire.Reply;

/**
 * What became of one recipient in a {@link ClientSession}: delivered (the server took
 * responsibility, RFC 5321 §6.1), a temporary failure (try again later, possibly at another MX)
 * or a permanent failure (bounce). Some recipients of one transaction can fail while others
 * succeed.
 *
 * <p>{@link #reply()} is what goes into the DSN's Diagnostic-Code (RFC 3464 §2.3.6): the remote
 * server's reply when {@link #remote()} is true, or a reply this side made up for a local
 * reason (connection lost 421 4.4.2, timeout 421 4.4.2, message too big for the server 552
 * 5.3.4, 8BITMIME missing 554 5.6.3, SMTPUTF8 missing 553 5.6.7, TLS required 451 4.7.4).
 */
public sealed interface RecipientResult
        permits RecipientResult.Delivered, RecipientResult.TemporaryFailure, RecipientResult.PermanentFailure {

    /** The recipient. */
    Recipient recipient();

    /** The reply that decided the outcome. */
    Reply reply();

    /** True when {@link #reply()} came from the remote server. */
    boolean remote();

    /** Where in the session the outcome was decided. */
    Stage stage();

    /**
     * The server accepted the message for this recipient (2yz after the end of data).
     */
    record Delivered(Recipient recipient, Reply reply) implements RecipientResult {
        public Delivered {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public boolean remote() {
            return true;
        }

        @Override
        public Stage stage() {
            return Stage.MESSAGE;
        }
    }

    /** A 4yz reply, a lost connection or a timeout: try again later. */
    record TemporaryFailure(Recipient recipient, Reply reply, Stage stage, boolean remote) implements RecipientResult {
        public TemporaryFailure {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(stage, "stage");
        }
    }

    /** A 5yz reply, or a message this server cannot take: do not retry; bounce. */
    record PermanentFailure(Recipient recipient, Reply reply, Stage stage, boolean remote) implements RecipientResult {
        public PermanentFailure {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(stage, "stage");
        }
    }
}
