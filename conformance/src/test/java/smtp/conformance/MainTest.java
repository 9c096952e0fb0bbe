package smtp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The command line end to end: progress, summary, reports and exit codes. */
class MainTest {

    record Output(int exit, String out, String err) {
    }

    static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenServerFailsTheRunAndTheReportsNameTheScenarios(@TempDir Path tmp) throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(EnumSet.of(TestSmtpServer.Breakage.BARE_LF_ENDS_DATA,
                TestSmtpServer.Breakage.RCPT_WITHOUT_MAIL))) {
            Output o = run("--target", "127.0.0.1:" + server.port(), "--from", "sender@test.invalid",
                    "--to", "rcpt@test.invalid", "--only", "smuggling,sequence", "--timeout", "5",
                    "--report", tmp.resolve("report").toString());
            assertEquals(RunResult.EXIT_MUST_FAILED, o.exit(), o.out() + o.err());
            assertTrue(o.out().contains("] FAIL MUST   smuggling-lf-dot-lf"), "live progress line:\n" + o.out());
            assertTrue(o.out().contains("FAIL   MUST   rcpt-before-mail-503"), "summary table:\n" + o.out());
            assertTrue(o.out().contains("got 250 2.1.5 OK"), "the reply seen:\n" + o.out());
            String md = Files.readString(tmp.resolve("report.md"));
            assertTrue(md.contains("| **FAIL** | MUST | `smuggling-lf-dot-lf`"), md);
            assertTrue(md.contains("### `rcpt-before-mail-503` (MUST, RFC 5321 §3.3)"), md);
            assertTrue(md.contains("C: First message.\\n.\\nMAIL FROM:&lt;") || md.contains("First message.\\n.\\nMAIL"), md);
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(tmp.resolve("report.xml").toFile());
            assertEquals("testsuite", xml.getDocumentElement().getTagName());
            assertTrue(Integer.parseInt(xml.getDocumentElement().getAttribute("failures")) >= 4);
            assertTrue(xml.getElementsByTagName("failure").getLength() >= 4);
        }
    }

    @Test
    void aConformantServerExitsZero() throws Exception {
        try (TestSmtpServer server = new TestSmtpServer(Set.of())) {
            Output o = run("--target", "127.0.0.1:" + server.port(), "--to", "rcpt@test.invalid", "--only", "appendix-d,rset");
            assertEquals(RunResult.EXIT_OK, o.exit(), o.out() + o.err());
            assertTrue(o.out().contains("exit code 0 (every applicable MUST passed)"), o.out());
        }
    }

    @Test
    void helpAndUsageErrors() {
        Output help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--target HOST:PORT"));
        // The help says what the README says: exit code 2 also for a bad scenario file (checked
        // in scenarioFilesFromTheCommandLine), and the credentials also repeat a scenario a
        // submission server stopped with 530.
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("2 usage error or a bad scenario file"), help.out());
        assertTrue(text.contains("the scenarios a server stops with 530"), help.out());
        for (List<String> bad : List.of(List.<String>of(), List.of("--target"), List.of("--target", "nohost"),
                List.of("--target", "h:0"), List.of("--target", "h:1", "--tls", "ssl"), List.of("--target", "h:1", "--bogus"),
                List.of("--target", "h:1", "--user", "u"), List.of("--target", "h:1", "--to", "not a mailbox"),
                List.of("--target", "h:1", "--timeout", "0"), List.of("--target", "h:1", "--max-message-bytes", "x"),
                List.of("--target", "h:1", "--report", "/"), List.of("--target", "h:1", "--only", "no-such-tag"))) {
            Output o = run(bad.toArray(String[]::new));
            assertEquals(RunResult.EXIT_USAGE, o.exit(), bad + " -> " + o.out() + o.err());
            assertTrue(o.err().startsWith("smtp.conformance: "), o.err());
        }
    }

    @Test
    void anUnreachableTargetExitsThree() throws Exception {
        int port = Peers.freePort();
        Output o = run("--target", "127.0.0.1:" + port, "--only", "greeting-220");
        assertEquals(RunResult.EXIT_UNREACHABLE, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("Could not run: cannot connect"), o.out());
    }

    @Test
    void listShowsScenariosWithSectionsWithoutConnecting() {
        Output o = run("--list", "--only", "smuggling");
        assertEquals(0, o.exit());
        assertEquals(14, o.out().lines().count(), o.out());
        assertTrue(o.out().contains("RFC 5321 §4.1.1.4"));
    }

    @Test
    void scenarioFilesFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("mine.scn");
        Files.writeString(file, """
                scenario: my-noop
                title: NOOP works
                section: RFC 5321 §4.1.1.9
                level: MUST
                requirement: NOOP gets 250
                tags: mine
                S: 220
                C: NOOP
                S: 250
                """);
        try (TestSmtpServer server = new TestSmtpServer(Set.of())) {
            Output o = run("--target", "127.0.0.1:" + server.port(), "--scenarios", tmp.toString());
            assertEquals(0, o.exit(), o.out() + o.err());
            assertTrue(o.out().contains("1 scenarios: 1 passed"), o.out());
        }
        Files.writeString(tmp.resolve("broken.scn"), "scenario: x\nC: NOOP\n");
        Output bad = run("--target", "127.0.0.1:1", "--scenarios", tmp.toString());
        assertEquals(RunResult.EXIT_USAGE, bad.exit());
        assertTrue(bad.err().contains("broken.scn:1: scenario x has no title"), bad.err());
    }

    @Test
    void everyArgumentListGivesAnExitCodeNotAnException() {
        List<String> words = List.of("--target", "--tls", "--from", "--to", "--user", "--password", "--only", "--report",
                "--helo", "--timeout", "--max-message-bytes", "--scenarios", "--insecure", "--list", "x", "", "a@b", "1:2",
                "[::1]:0", "starttls", "-1", "99999999999");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            List<String> args = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                args.add(words.get(random.nextInt(words.size())));
            }
            if (args.contains("--list") || args.contains("--target") && !args.contains("--scenarios")) {
                // Parsing only: a valid run would try to connect.
                smtp.conformance.internal.CommandLine.parse(args);
                continue;
            }
            int exit = run(args.toArray(String[]::new)).exit();
            assertTrue(exit == 0 || exit == 2 || exit == 3, args + " -> " + exit);
        }
    }
}
