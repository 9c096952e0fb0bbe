package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;

/**
 * RFC 4954 §6: "454 4.7.0 Temporary authentication failure. This response to the AUTH command
 * indicates that the authentication failed due to a temporary server failure." A credential
 * store backed by LDAP or SQL can throw; that must become this reply, never an exception out of
 * {@link ServerSession#receive}.
 */
class AuthTemporaryFailureTest {

    static final CredentialStore WORKING = CredentialStores.of(Map.of("tim",
            ScramCredential.derive("tanstaaftanstaaf", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096)));

    /** A store whose first {@code failures} lookups throw, as a directory that is briefly down. */
    static CredentialStore failingFirst(int failures) {
        AtomicInteger calls = new AtomicInteger();
        return username -> {
            if (calls.getAndIncrement() < failures) {
                throw new IllegalStateException("LDAP server ldap.example.org:636 unreachable");
            }
            return WORKING.lookup(username);
        };
    }

    static ServerHarness harness(CredentialStore store) {
        ServerHarness h = new ServerHarness(ServerHarness.config().with(Extension.AUTH), Policy.ACCEPT_ALL,
                new InMemoryMessageStore(), store, true);
        h.code("EHLO client.example.com");
        return h;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Tag("4954-6-454")
    void aFailingCredentialStoreGets454_rfc4954_6() {
        // PLAIN with an initial response (RFC 4616 §4's example): 454, then, the store back, 235.
        ServerHarness h = harness(failingFirst(1));
        assertEquals("454 4.7.0 Temporary authentication failure", h.command("AUTH PLAIN " + b64("\0tim\0tanstaaftanstaaf")).toString());
        assertEquals(SessionState.READY, h.session.state());
        assertEquals(0, h.session.authFailures(), "a server failure is not a failed AUTH of the client");
        assertEquals("235 2.7.0 Authentication successful", h.command("AUTH PLAIN " + b64("\0tim\0tanstaaftanstaaf")).toString());

        // LOGIN: the lookup happens after the password challenge.
        h = harness(failingFirst(1));
        assertEquals(334, h.code("AUTH LOGIN"));
        assertEquals(334, h.code(b64("tim")));
        assertEquals("454 4.7.0 Temporary authentication failure", h.command(b64("tanstaaftanstaaf")).toString());
        assertEquals(250, h.code("NOOP"), "the session goes on");

        // SCRAM-SHA-256: the lookup happens at the client-first-message.
        h = harness(failingFirst(1));
        assertEquals("454 4.7.0 Temporary authentication failure",
                h.command("AUTH SCRAM-SHA-256 " + b64("n,,n=tim,r=rOprNGfwEbeRWgbNEkqO")).toString());
        assertEquals(SessionState.READY, h.session.state());
    }

    @Test
    @Tag("4954-6-454")
    void aStoreThatThrowsInMayActAsOrAnswersNullGets454_rfc4954_6() {
        CredentialStore noProxy = new CredentialStore() {
            @Override
            public Optional<ScramCredential> lookup(String username) {
                return WORKING.lookup(username);
            }

            @Override
            public boolean mayActAs(String authcid, String authzid) {
                throw new IllegalStateException("SQL: connection reset");
            }
        };
        ServerHarness h = harness(noProxy);
        assertEquals(454, h.code("AUTH PLAIN " + b64("admin\0tim\0tanstaaftanstaaf")));
        h = harness(username -> null);
        assertEquals(454, h.code("AUTH PLAIN " + b64("\0tim\0tanstaaftanstaaf")));
        assertEquals(221, h.code("QUIT"));
    }
}
