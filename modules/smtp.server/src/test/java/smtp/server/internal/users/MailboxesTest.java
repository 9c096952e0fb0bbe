package smtp.server.internal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.ScramCredential;
import smtp.wire.Domain;
import smtp.wire.Mailbox;
import smtp.wire.ParseResult;

/** Which Maildir an address of a local domain reaches. */
class MailboxesTest {

    private static Mailboxes mailboxes() throws Exception {
        Path dir = Files.createTempDirectory("mailboxes-");
        PasswordFileEditor.set(dir.resolve("users"), "demo", ScramCredential.derive("x", new byte[16], 4096));
        UserDirectory users = new UserDirectory(dir.resolve("users"));
        users.load();
        return new Mailboxes(users, "+", "postmaster");
    }

    private static Mailbox mailbox(String text) {
        return ((ParseResult.Ok<Mailbox>) Mailbox.parse(text)).value();
    }

    @Test
    @Tag("5321-4.1.2-server")
    void aQuotedLocalPartThatNeedsNoQuotingIsTheSameMailbox_rfc5321_4_1_2() throws Exception {
        Mailboxes m = mailboxes();
        assertEquals(Optional.of("demo"), m.resolve(mailbox("demo@localhost")));
        assertEquals(Optional.of("demo"), m.resolve(mailbox("\"demo\"@localhost")));
        assertEquals(Optional.of("demo"), m.resolve(mailbox("\"Demo+tag\"@localhost")));
        assertEquals(Optional.of("demo"), m.resolve(mailbox("\"d\\emo\"@localhost")), "a quoted-pair stands for its character");
        assertEquals(Optional.of("postmaster"), m.resolve(mailbox("\"postmaster\"@localhost")));
        // Quoting that is necessary makes a local-part no user name can be.
        assertEquals(Optional.empty(), m.resolve(mailbox("\"demo \"@localhost")));
        assertEquals(Optional.empty(), m.resolve(mailbox("\"demo@remote.test\"@localhost")));
        assertEquals(Optional.empty(), m.resolve(mailbox("\"\"@localhost")));
        assertTrue(m.owns("demo", mailbox("\"demo\"@localhost"), d -> d.equals(new Domain("localhost"))));
        assertFalse(m.owns("demo", mailbox("\"demo x\"@localhost"), d -> true));
    }
}
