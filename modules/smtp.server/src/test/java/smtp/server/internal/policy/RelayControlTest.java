package smtp.server.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.Decision;
import smtp.wire.ForwardPath;
import smtp.wire.ParseResult;

/** Recipient decisions, one forward-path at a time (the socket-level probe is OpenRelayProbeTest). */
class RelayControlTest {

    private static RelayControl control() throws Exception {
        PolicyFixture f = PolicyFixture.create("relay-");
        return new RelayControl(f.settings(), f.mailboxes());
    }

    private static int code(RelayControl c, String path, boolean mayRelay) {
        ForwardPath fp = ((ParseResult.Ok<ForwardPath>) ForwardPath.parse(path)).value();
        Decision d = c.recipient(fp, mayRelay);
        return d instanceof Decision.Reject r ? r.reply().code() : 250;
    }

    @Test
    @Tag("5321-3.6a")
    @Tag("5321-3.6b")
    @Tag("5321-4.5.1a")
    void decisions() throws Exception {
        RelayControl c = control();
        assertEquals(250, code(c, "<alice@example.test>", false));
        assertEquals(250, code(c, "<ALICE+tag@EXAMPLE.TEST>", false));
        assertEquals(250, code(c, "<alice@mx.example.test>", false), "the host name is a local domain");
        assertEquals(250, code(c, "<postmaster@example.test>", false));
        assertEquals(250, code(c, "<Postmaster>", false));
        assertEquals(550, code(c, "<nobody@example.test>", false));
        assertEquals(550, code(c, "<x@remote.test>", false));
        assertEquals(250, code(c, "<x@remote.test>", true), "authenticated clients relay");
        assertEquals(550, code(c, "<x%remote.test@example.test>", true), "not even authenticated: the percent hack");
        assertEquals(550, code(c, "<remote.test!x@example.test>", true));
        assertEquals(550, code(c, "<\"x@remote.test\"@example.test>", true));
        assertEquals(550, code(c, "<@example.test:x@remote.test>", false));
        assertEquals(550, code(c, "<x@[192.0.2.1]>", false));
        assertEquals(250, code(c, "<x%y@remote.test>", true), "a foreign domain's local-parts are its own business");
        assertInstanceOf(Decision.Accept.class, c.recipient(new smtp.wire.Postmaster(), false));
    }
}
