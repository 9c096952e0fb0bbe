package smtp.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import smtp.conformance.Options;
import smtp.conformance.Target;

/** How the client side reads what a server sends: well-formed, malformed, closed, silent. */
class SmtpConnectionTest {

    /** Serves one connection: writes {@code octets}, then waits (or closes when {@code close}). */
    static Observation observe(String octets, boolean close) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(octets.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (!close) {
                        Thread.sleep(3000);
                    }
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            Options options = Options.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
            try (SmtpConnection c = SmtpConnection.open(Target.of("127.0.0.1", server.getLocalPort()), options, new Transcript())) {
                return c.readReply();
            }
        }
    }

    @Test
    void aMultiLineReplyIsAssembled_rfc5321_4_2_1() throws Exception {
        Observation.Received r = assertInstanceOf(Observation.Received.class,
                observe("250-mx.example\r\n250-SIZE 100\r\n250 8BITMIME\r\n", false));
        assertEquals(250, r.reply().code());
        assertEquals(List.of("250-mx.example", "250-SIZE 100", "250 8BITMIME"), r.lines());
        assertEquals(List.of("SIZE 100", "8BITMIME"), EhloKeywords.of(r.reply()).lines());
    }

    @Test
    void aBareLfLineEndIsMalformed_rfc5321_2_3_8() throws Exception {
        Observation.Malformed m = assertInstanceOf(Observation.Malformed.class, observe("250 OK\n", false));
        assertTrue(m.reason().contains("bare LF"), m.reason());
    }

    @Test
    void aCodeOutsideTwoToFiveIsMalformed_rfc5321_4_3_2() throws Exception {
        Observation.Malformed m = assertInstanceOf(Observation.Malformed.class, observe("600 nope\r\n", false));
        assertTrue(m.describe().startsWith("malformed reply (RFC 5321 §4.2"), m.describe());
    }

    @Test
    void aCodeThatChangesMidReplyIsMalformed_rfc5321_4_2_1() throws Exception {
        assertInstanceOf(Observation.Malformed.class, observe("250-a\r\n251 b\r\n", false));
    }

    @Test
    void anOverLongLineIsMalformedNotBuffered() throws Exception {
        Observation.Malformed m = assertInstanceOf(Observation.Malformed.class,
                observe("250 " + "x".repeat(SmtpConnection.MAX_LINE + 10) + "\r\n", false));
        assertTrue(m.reason().contains("longer than"), m.reason());
    }

    @Test
    void closeSilenceAndAPartialReply() throws Exception {
        assertInstanceOf(Observation.Closed.class, observe("", true));
        Observation.TimedOut t = assertInstanceOf(Observation.TimedOut.class, observe("", false));
        assertEquals("no reply within 1 s", t.describe());
        Observation.Malformed partial = assertInstanceOf(Observation.Malformed.class, observe("250-first\r\n", true));
        assertTrue(partial.reason().contains("closed in the middle"), partial.reason());
    }

    @Test
    void aServerThatStopsReadingCannotHoldTheRunner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("220 silent.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(60_000); // never reads
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            smtp.conformance.Scenario scenario = smtp.conformance.Scenario.parse("t.scn", """
                    scenario: flood
                    title: t
                    section: RFC 5321 §4.5.3.2
                    level: MUST
                    requirement: r
                    S: 220
                    !body 60000000
                    C: .
                    S: 250
                    """).orElseThrow().getFirst();
            Options options = Options.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
                    .withMaxMessageBytes(Options.MAX_MESSAGE_BYTES_CEILING);
            long start = System.nanoTime();
            smtp.conformance.ScenarioResult r = new ScenarioExecution(Target.of("127.0.0.1", server.getLocalPort()), options,
                    scenario).run();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(50)) < 0, "bounded");
            assertInstanceOf(smtp.conformance.Outcome.Fail.class, r.outcome(), r.toString());
            assertTrue(r.transcript().stream().anyMatch(l -> l.contains("write failed")), r.transcript().toString());
        }
    }

    @Test
    void transcriptsShowControlCharactersAndStayBounded() {
        Transcript t = new Transcript();
        t.client("MAIL FROM:<a@b>\r\nx\n.\ny".getBytes(StandardCharsets.ISO_8859_1));
        t.server("250 ok\u0000");
        assertEquals(List.of("C: MAIL FROM:<a@b>", "C: x\\n.\\ny  (no CRLF)", "S: 250 ok\\x00"), t.entries());
        for (int i = 0; i < Transcript.MAX_ENTRIES + 5; i++) {
            t.note("n" + i);
        }
        assertEquals(Transcript.MAX_ENTRIES + 1, t.entries().size());
        assertTrue(t.entries().getLast().contains("8 more transcript lines"), t.entries().getLast());
    }
}
