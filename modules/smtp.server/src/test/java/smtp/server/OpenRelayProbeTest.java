package smtp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * The open-relay probe, as the classic relay testers run it: every way of smuggling a
 * foreign destination past a relay check, over a real socket, unauthenticated, on the SMTP and
 * the submission listeners. Nothing may be accepted, and nothing may reach the queue.
 */
class OpenRelayProbeTest {

    private static TestMta mta;

    /** Forward-paths that must never be accepted from an unauthenticated client. */
    static final List<String> DISGUISES = List.of(
            "<victim@remote.test>",                       // plain relaying
            "<victim%remote.test@example.test>",          // the percent hack
            "<victim%remote.test@[127.0.0.1]>",           // percent hack through our own address literal
            "<\"victim@remote.test\"@example.test>",      // quoted address in the local-part
            "<\"victim%remote.test\"@example.test>",      // quoted percent hack
            "<remote.test!victim@example.test>",          // bang path
            "<remote.test!victim>",                       // bare bang path (no domain: a syntax error)
            "<@example.test:victim@remote.test>",         // source route through us to a foreign host
            "<@example.test,@other.test:victim@remote.test>", // longer source route
            "<victim@remote.test.>",                      // trailing dot
            "<victim@example.test.>",                     // trailing dot on a local domain
            "<victim@[192.0.2.1]>",                       // address literal of another host
            "<victim@[IPv6:2001:db8::1]>",                // IPv6 address literal of another host
            "<victim@[127.0.0.1]>",                       // even our own literal: local mail is addressed by domain
            "<victim@remote.test@example.test>",          // two at-signs
            "<victim@example.test@remote.test>",
            "<\"victim@remote.test\">"                    // no domain at all
    );

    @BeforeAll
    static void start() throws Exception {
        // The probe sends 63 refused recipients in one session: above the default limits.errors,
        // after which a harvester gets 421 (LimitsTest); here every refusal itself is checked.
        mta = TestMta.builder().set("limits.errors", "1000").start();
    }

    @AfterAll
    static void stop() throws Exception {
        mta.close();
    }

    @Test
    @Tag("5321-3.6a")
    void noDisguiseGetsThroughTheSmtpListener_rfc5321_3_9() throws Exception {
        probe(SmtpDialog.connect(mta.smtp()), false);
    }

    @Test
    @Tag("5321-3.6a")
    void noDisguiseGetsThroughTheSubmissionListenerWithoutAuth_rfc5321_3_9() throws Exception {
        SmtpDialog d = SmtpDialog.connect(mta.submission());
        probe(d, true);
    }

    private static void probe(SmtpDialog d, boolean tls) throws Exception {
        List<String> accepted = new ArrayList<>();
        try (d) {
            expect(d.read(), 220);
            expect(d.cmd("EHLO relaytest.remote.test"), 250);
            if (tls) {
                d.startTls();
                expect(d.cmd("EHLO relaytest.remote.test"), 250);
            }
            for (String from : List.of("<spammer@remote.test>", "<>", "<postmaster@example.test>")) {
                SmtpDialog.Answer m = d.cmd("MAIL FROM:" + from);
                if (m.code() != 250) {
                    assertTrue(m.code() >= 500, "MAIL: " + m);
                    continue;
                }
                for (String to : DISGUISES) {
                    SmtpDialog.Answer r = d.cmd("RCPT TO:" + to);
                    if (r.code() / 100 == 2) {
                        accepted.add(from + " -> " + to + ": " + r);
                    } else {
                        assertTrue(r.code() / 100 == 5, to + " must be refused permanently: " + r);
                    }
                }
                SmtpDialog.Answer data = d.cmd("DATA");
                assertTrue(data.code() >= 500, "DATA without an accepted recipient: " + data);
                expect(d.cmd("RSET"), 250);
            }
        }
        assertTrue(accepted.isEmpty(), "accepted: " + accepted);
        assertTrue(mta.server().queued() == 0, "nothing was queued");
    }

    @Test
    @Tag("5321-3.6b")
    void relayDeniedIs550_5_7_1_rfc5321_4_3_2() throws Exception {
        try (SmtpDialog d = SmtpDialog.connect(mta.smtp())) {
            expect(d.read(), 220);
            expect(d.cmd("EHLO relaytest.remote.test"), 250);
            expect(d.cmd("MAIL FROM:<spammer@remote.test>"), 250);
            SmtpDialog.Answer a = expect(d.cmd("RCPT TO:<victim@remote.test>"), 550);
            assertTrue(a.text().startsWith("5.7.1 ") && a.text().contains("Relay access denied"), a.toString());
            SmtpDialog.Answer p = expect(d.cmd("RCPT TO:<victim%remote.test@example.test>"), 550);
            assertTrue(p.text().startsWith("5.7.1 "), p.toString());
        }
    }
}
