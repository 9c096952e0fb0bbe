package smtp.conformance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smtp.conformance.ClientText;
import smtp.conformance.Level;
import smtp.conformance.ReplyPattern;
import smtp.conformance.Scenario;
import smtp.conformance.ScenarioParse;
import smtp.conformance.Step;

class ScenarioParserTest {

    static final String HEAD = """
            scenario: example
            title: An example
            section: RFC 5321 §4.1.1.5
            level: MUST
            requirement: RSET is answered 250
            """;

    static Scenario one(String text) {
        ScenarioParse p = ScenarioParser.parse("test.scn", text);
        List<Scenario> all = assertInstanceOf(ScenarioParse.Parsed.class, p, p::toString).scenarios();
        assertEquals(1, all.size());
        return all.getFirst();
    }

    static ScenarioParse.Malformed error(String text) {
        return assertInstanceOf(ScenarioParse.Malformed.class, ScenarioParser.parse("test.scn", text));
    }

    @Test
    void readsHeadersAndStepsLikeTheRfcExamples() {
        Scenario s = one(HEAD + """
                extension: PIPELINING, AUTH PLAIN
                tags: rset, core
                # a comment
                S: 220 foo.com Simple Mail Transfer Service Ready
                C: RSET
                S: 250 | 251 OK
                """);
        assertEquals("example", s.id());
        assertEquals(Level.MUST, s.level());
        assertEquals(List.of(new Scenario.Extension("PIPELINING", List.of()), new Scenario.Extension("AUTH", List.of("PLAIN"))),
                s.extensions());
        assertEquals(List.of("rset", "core"), s.tags());
        assertEquals(Scenario.Transport.ANY, s.transport());
        assertEquals(3, s.steps().size());
        Step.Expect greeting = assertInstanceOf(Step.Expect.class, s.steps().get(0));
        assertEquals("foo.com Simple Mail Transfer Service Ready", greeting.pattern().note());
        Step.Send rset = assertInstanceOf(Step.Send.class, s.steps().get(1));
        assertEquals(List.of(new ClientText.Literal("RSET")), rset.text().parts());
        assertTrue(rset.lineEnd());
    }

    @Test
    void clientLinesCarryEscapesForCrLfNulAndRawOctets() {
        Scenario s = one(HEAD + """
                S: 220
                R: a\\r\\nb\\nc\\0d\\x7F\\\\\\$
                C: ${from} ${ehlo:SIZE+1} ${repeat:3:ab} $x
                C:
                """);
        Step.Send raw = (Step.Send) s.steps().get(1);
        assertEquals(List.of(new ClientText.Literal("a\r\nb\nc\0d\u007f\\$")), raw.text().parts());
        Step.Send params = (Step.Send) s.steps().get(2);
        assertEquals(List.of(new ClientText.Parameter("from", 0), new ClientText.Literal(" "),
                new ClientText.Parameter("ehlo:SIZE", 1), new ClientText.Literal(" "), new ClientText.Repeat(3, "ab"),
                new ClientText.Literal(" $x")), params.text().parts());
        assertEquals(List.of(), ((Step.Send) s.steps().get(3)).text().parts());
    }

    @Test
    void nonAsciiTextIsSentAsUtf8() {
        Scenario s = one(HEAD + "S: 220\nC: Grüße\n");
        ClientText.Literal l = (ClientText.Literal) ((Step.Send) s.steps().get(1)).text().parts().getFirst();
        assertEquals("Gr\u00c3\u00bc\u00c3\u009fe", l.octets());
    }

    @Test
    void readsEveryDirective() {
        Scenario s = one(HEAD.replace("level: MUST", "level: SHOULD") + """
                transport: plain
                S: 220
                !starttls
                !auth PLAIN
                !auth LOGIN wrong
                !pause 250
                !body ${ehlo:SIZE+1}
                !body 1000
                !advertised PIPELINING
                !not-advertised STARTTLS
                !expect-close
                """);
        assertEquals(List.of(new Step.StartTls(), new Step.Authenticate(Step.Mechanism.PLAIN, false),
                new Step.Authenticate(Step.Mechanism.LOGIN, true), new Step.Pause(Duration.ofMillis(250)),
                new Step.Body(new ClientText(List.of(new ClientText.Parameter("ehlo:SIZE", 1)))),
                new Step.Body(new ClientText(List.of(new ClientText.Literal("1000")))),
                new Step.Advertised("PIPELINING", true), new Step.Advertised("STARTTLS", false), new Step.ExpectClose()),
                s.steps().subList(1, s.steps().size()));
    }

    @Test
    void readsReplyPatterns() {
        Scenario s = one(HEAD + """
                S: 250-SIZE
                S: 2.. | 5.5.* | closed | *
                S: 550 5.1.1 No such user
                S: .5. note
                """);
        assertEquals(new ReplyPattern(List.of(new ReplyPattern.Code("250", Optional.of("SIZE"), Optional.empty())), ""),
                ((Step.Expect) s.steps().get(0)).pattern());
        assertEquals(new ReplyPattern(List.of(new ReplyPattern.Code("2..", Optional.empty(), Optional.empty()),
                new ReplyPattern.Status(new ReplyPattern.StatusPattern(5, 5, -1)), new ReplyPattern.Closed(),
                new ReplyPattern.Any()), ""), ((Step.Expect) s.steps().get(1)).pattern());
        assertEquals(new ReplyPattern(List.of(new ReplyPattern.Code("550", Optional.empty(),
                Optional.of(new ReplyPattern.StatusPattern(5, 1, 1)))), "No such user"), ((Step.Expect) s.steps().get(2)).pattern());
    }

    @Test
    void acceptsCrLfFilesIndentedStepsAndSeveralScenarios() {
        String text = (HEAD + "  S: 220\n\n" + HEAD.replace("example", "second") + "\tS: 220\n").replace("\n", "\r\n");
        ScenarioParse p = ScenarioParser.parse("crlf.scn", text);
        assertEquals(2, assertInstanceOf(ScenarioParse.Parsed.class, p).scenarios().size());
    }

    @Test
    void anEmptyFileHasNoScenarios() {
        assertEquals(new ScenarioParse.Parsed(List.of()), ScenarioParser.parse("empty.scn", "# nothing\n\n"));
    }

    /** Cases: expected line | file body (after the 5 header lines unless it starts with "raw:") :: message part. */
    @ParameterizedTest(name = "line {0}: {2}")
    @CsvSource(delimiterString = "::", textBlock = """
            1 :: raw:C: NOOP                                :: expected scenario: ID before anything else
            1 :: raw:scenario: Bad_Id                       :: scenario id must be
            7 :: S: 220\\nfrobnicate                        :: unknown line
            7 :: S: 220\\ntitle: late                       :: headers come first
            7 :: S: 220\\nC: a\\\\q                         :: unknown escape \\q
            7 :: S: 220\\nC: a\\\\x4                        :: \\x needs two hexadecimal digits
            7 :: S: 220\\nC: a\\\\                          :: a backslash at the end of the line
            7 :: S: 220\\nC: ${nosuch}                      :: unknown parameter
            7 :: S: 220\\nC: ${from                         :: ${ without a closing }
            7 :: S: 220\\nC: ${to+1}                        :: only ehlo: parameters take an addend
            7 :: S: 220\\nC: ${repeat:0:x}                  :: repeat count
            7 :: S: 220\\nR:                                :: R: sends raw octets
            7 :: S: 220\\nS: 2500                           :: not a reply pattern
            7 :: S: 220\\nS: 250 |                          :: missing after |
            7 :: S: 220\\nS: 250 5.0.0                      :: does not match code 250
            7 :: S: 220\\nS: 5.5.* 5.5.2                    :: ambiguous
            6 :: S:                                         :: S: needs a reply pattern
            7 :: S: 220\\n!frob                             :: unknown directive
            7 :: S: 220\\n!auth CRAM-MD5                    :: usage: !auth
            7 :: S: 220\\n!pause 10001                      :: usage: !pause
            7 :: S: 220\\n!body ${repeat:2:9}               :: !body takes
            7 :: S: 220\\n!starttls now                     :: takes no argument
            1 :: S: 220\\n!starttls                         :: needs transport: plain
            1 :: C: NOOP                                    :: the first step must be S:
            """)
    void reportsTheFirstErrorWithItsLineNumber(int line, String body, String message) {
        String text = body.replace("\\n", "\n").replace("\\\\", "\\");
        text = text.startsWith("raw:") ? text.substring(4) : HEAD + text;
        ScenarioParse.Malformed m = error(text);
        assertEquals(line, m.line(), m.toString());
        assertTrue(m.message().contains(message), m.toString());
    }

    @Test
    void aDuplicateIdIsReportedWhereItRepeats() {
        ScenarioParse.Malformed m = error(HEAD + "S: 220\n" + HEAD + "S: 220\n");
        assertEquals(7, m.line());
        assertTrue(m.message().contains("duplicate scenario id example"), m.toString());
    }

    @Test
    void theFirstClosingBraceEndsAParameter() {
        Scenario s = one(HEAD + "S: 220\nC: ${repeat:2:a}b}\n");
        assertEquals(List.of(new ClientText.Repeat(2, "a"), new ClientText.Literal("b}")),
                ((Step.Send) s.steps().get(1)).text().parts());
    }

    @Test
    void missingHeadersAndBadLevelsAreReportedAtTheScenarioLine() {
        assertTrue(error("\n\nscenario: x\ntitle: t\nS: 220\n").toString().startsWith("test.scn:3: scenario x has no section"));
        assertTrue(error(HEAD.replace("MUST", "MUSTN'T") + "S: 220\n").message().contains("MUST, SHOULD or MAY"));
        assertTrue(error(HEAD + "transport: tls\nS: 220\n").message().contains("any or plain"));
        assertTrue(error(HEAD + "tags: Core\nS: 220\n").message().contains("tag"));
        assertTrue(error(HEAD + "extension: ,\nS: 220\n").message().contains("comma-separated"));
        assertTrue(error(HEAD + "title: twice\nS: 220\n").message().contains("given twice"));
        assertTrue(error(HEAD.replace("An example", "a\u0001b") + "S: 220\n").message().contains("control characters"));
    }

    @Test
    void aHugeFileIsRefusedNotRead() {
        ScenarioParse.Malformed m = error("#".repeat(ScenarioParser.MAX_FILE_CHARS + 1));
        assertEquals(1, m.line());
    }
}
