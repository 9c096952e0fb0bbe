package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;
import smtp.session.testing.Loopback;
import smtp.wire.Domain;
import smtp.wire.Reply;

/**
 * Laws of the server machine over random command sequences: it never throws, its state always
 * matches a simple model of RFC 5321 §4.1.4 and §3.3, every reply code is one RFC 5321 §4.3.2
 * (or the extension's RFC) lists for the command, and cutting the input anywhere changes nothing.
 */
class ServerProperties {

    /** One step of a client: the octets, and the verb whose reply codes apply. */
    record Step(String verb, String octets) {
    }

    private static final String PLAIN_OK = "AHRpbQB0YW5zdGFhZnRhbnN0YWFm";

    /** A pool of commands, good and bad, in and out of sequence. */
    static final List<Step> POOL = List.of(
            new Step("EHLO", "EHLO client.example.com\r\n"),
            new Step("HELO", "HELO client.example.com\r\n"),
            new Step("EHLO", "EHLO\r\n"),
            new Step("MAIL", "MAIL FROM:<a@example.com>\r\n"),
            new Step("MAIL", "MAIL FROM:<> SIZE=100 BODY=8BITMIME RET=HDRS\r\n"),
            new Step("MAIL", "MAIL FROM:<a@example.com> SIZE=999999999\r\n"),
            new Step("MAIL", "MAIL FROM:<a@example.com> XFOO=1\r\n"),
            new Step("MAIL", "MAIL FROM:a@example.com\r\n"),
            new Step("MAIL", "MAIL FROM:<jos\u00e9@example.com>\r\n"),
            new Step("RCPT", "RCPT TO:<b@example.org>\r\n"),
            new Step("RCPT", "RCPT TO:<Postmaster>\r\n"),
            new Step("RCPT", "RCPT TO:<b@example.org> NOTIFY=SUCCESS ORCPT=rfc822;b@example.org\r\n"),
            new Step("RCPT", "RCPT TO:<refused@example.org>\r\n"),
            new Step("RCPT", "RCPT TO:<\u7528\u6237@example.org>\r\n"),
            new Step("DATA", "DATA\r\n.\r\n"),
            new Step("DATA", "DATA\r\nSubject: x\r\n\r\nbody\r\n.\r\n"),
            new Step("DATA", "DATA\r\nbare\nLF\r\n.\r\n"),
            new Step("DATA", "DATA\r\n" + "x".repeat(1200) + "\r\n.\r\n"),
            new Step("BDAT", "BDAT 5\r\nhello"),
            new Step("BDAT", "BDAT 7 LAST\r\n.x\r\n.\r\n"),
            new Step("BDAT", "BDAT 0 LAST\r\n"),
            new Step("RSET", "RSET\r\n"),
            new Step("NOOP", "NOOP\r\n"),
            new Step("HELP", "HELP\r\n"),
            new Step("VRFY", "VRFY postmaster\r\n"),
            new Step("EXPN", "EXPN staff\r\n"),
            new Step("QUIT", "QUIT\r\n"),
            new Step("STARTTLS", "STARTTLS\r\n"),
            new Step("AUTH", "AUTH PLAIN " + PLAIN_OK + "\r\n"),
            new Step("AUTH", "AUTH PLAIN AHRpbQB3cm9uZw==\r\n"),
            new Step("AUTH", "AUTH LOGIN\r\n*\r\n"),
            new Step("AUTH", "AUTH CRAM-MD5\r\n"),
            new Step("UNKNOWN", "FROB\r\n"),
            new Step("UNKNOWN", "TURN\r\n"),
            new Step("UNKNOWN", "NOOP " + "x".repeat(600) + "\r\n"),
            new Step("UNKNOWN", "NOOP\n"));

    /** RFC 5321 §4.3.2 per command, plus what its extension RFC lists. */
    static final Map<String, Set<Integer>> ALLOWED = Map.ofEntries(
            Map.entry("EHLO", Set.of(250, 504, 550, 502)),
            Map.entry("HELO", Set.of(250, 504, 550, 502)),
            // RFC 4954 §6: "530 5.7.0 Authentication required" for any command but AUTH, EHLO, HELO,
            // NOOP, RSET and QUIT, when the policy requires authentication.
            Map.entry("MAIL", Set.of(250, 552, 451, 452, 550, 553, 503, 455, 555, 530)),
            Map.entry("RCPT", Set.of(250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555, 530)),
            Map.entry("DATA", Set.of(354, 250, 552, 554, 451, 452, 450, 550, 503, 530)),
            // RFC 3030 §2 and §4: as DATA after the data, plus 250 per chunk.
            Map.entry("BDAT", Set.of(250, 552, 554, 451, 452, 450, 550, 503, 502, 530)),
            Map.entry("RSET", Set.of(250)),
            Map.entry("VRFY", Set.of(250, 251, 252, 550, 551, 553, 502, 504, 530)),
            Map.entry("EXPN", Set.of(250, 252, 550, 500, 502, 504, 530)),
            Map.entry("HELP", Set.of(211, 214, 502, 504)),
            Map.entry("NOOP", Set.of(250)),
            Map.entry("QUIT", Set.of(221)),
            // RFC 3207 §4: 220, 454, 501; plus 502 when not offered and 503 out of sequence (RFC 5321 §4.2.4).
            Map.entry("STARTTLS", Set.of(220, 454, 501, 502, 503)),
            // RFC 4954 §4, §6.
            Map.entry("AUTH", Set.of(235, 334, 432, 454, 500, 501, 502, 503, 504, 530, 534, 535, 538)),
            Map.entry("UNKNOWN", Set.of(500, 502)));

    /** RFC 5321 §4.3.2: "any SMTP command can return ... 500 ... 501 ... 421". */
    static final Set<Integer> ANY = Set.of(500, 501, 421);

    private static final CredentialStore USERS = CredentialStores.of(Map.of("tim", ScramCredential.derive("tanstaaftanstaaf",
            "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096)));

    static ServerSession server(InMemoryMessageStore store) {
        ServerConfig config = ServerConfig.defaults(new Domain("mx.example.org")).with(Extension.STARTTLS).with(Extension.AUTH)
                .withMaxErrors(1000);
        Policy policy = new Policy() {
            @Override
            public Decision recipient(Origin o, smtp.wire.ReversePath r, smtp.wire.ForwardPath f, smtp.wire.RcptParameters p) {
                return f.toString().startsWith("<refused") ? Decision.reject(Reply.of(550, "5.1.1", "No such user")) : Decision.accept();
            }
        };
        ServerSession s = new ServerSession(config, ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()), policy, store, USERS);
        s.greeting();
        return s;
    }

    /** A model of the session: what state the RFC says the server is in after each reply. */
    static final class Model {
        boolean hello;
        boolean transaction;
        boolean recipients;
        boolean chunking;
        boolean closed;

        SessionState expected() {
            if (closed) {
                return SessionState.CLOSED;
            }
            if (!hello) {
                return SessionState.GREETED;
            }
            if (!transaction) {
                return SessionState.READY;
            }
            if (chunking) {
                return SessionState.CHUNKING;
            }
            return recipients ? SessionState.RCPT : SessionState.MAIL;
        }

        void apply(String verb, List<Reply> replies, boolean last) {
            if (replies.isEmpty()) {
                return;
            }
            int code = replies.get(replies.size() - 1).code();
            int first = replies.get(0).code();
            if (replies.stream().anyMatch(r -> r.code() == 421) || code == 221) {
                closed = true;
                return;
            }
            switch (verb) {
                case "EHLO", "HELO" -> {
                    if (code == 250) {
                        hello = true;
                        transaction = recipients = chunking = false;
                    }
                }
                case "MAIL" -> {
                    if (code == 250) {
                        transaction = true;
                        recipients = chunking = false;
                    }
                }
                case "RCPT" -> recipients |= code == 250;
                case "DATA" -> {
                    if (first == 354) {
                        transaction = recipients = chunking = false;
                    }
                }
                case "BDAT" -> {
                    if (code == 250 && !last) {
                        chunking = true;
                    } else {
                        // the last chunk, or a failure: either ends the transaction (RFC 3030 §2)
                        transaction = recipients = chunking = false;
                    }
                }
                case "RSET" -> transaction = recipients = chunking = false;
                case "STARTTLS" -> {
                    if (code == 220) {
                        hello = transaction = recipients = chunking = false;
                    }
                }
                default -> {
                }
            }
        }
    }

    @Test
    @Tag("5321-4.3.2a")
    @Tag("5321-4.3.2b")
    @Tag("5321-4.1.4a")
    void randomCommandSequencesKeepAValidStateAndAllowedReplyCodes_rfc5321_4_3_2() {
        qt().withExamples(400).forAll(lists().of(integers().between(0, POOL.size() - 1)).ofSizeBetween(1, 40))
            .checkAssert(indexes -> {
                InMemoryMessageStore store = new InMemoryMessageStore();
                ServerSession s = server(store);
                Model model = new Model();
                for (int i : indexes) {
                    Step step = POOL.get(i);
                    List<ServerAction> actions = new ArrayList<>(s.receive(step.octets().getBytes(StandardCharsets.UTF_8)));
                    if (s.state() == SessionState.TLS_HANDSHAKE) {
                        actions.addAll(s.tlsStarted(Loopback.TLS));
                    }
                    List<Reply> replies = ServerHarness.replies(actions);
                    if (model.closed) {
                        assertEquals(List.of(), actions, "input after close");
                        continue;
                    }
                    for (Reply r : replies) {
                        assertTrue(ALLOWED.get(step.verb()).contains(r.code()) || ANY.contains(r.code()),
                                step.verb() + " answered " + r + " after " + indexes);
                    }
                    model.apply(step.verb(), replies, step.octets().contains("LAST"));
                    assertEquals(model.expected(), s.state(), "after " + step.octets().strip() + " -> " + replies + " in " + indexes);
                }
            });
    }

    /**
     * A policy that accepts or refuses at random, with any reply code of RFC 5321 §4.2 syntax
     * (4yz or 5yz for a refusal, 2yz to 5yz for VRFY and EXPN), with or without a status code.
     */
    static Policy randomPolicy(long seed) {
        java.util.Random random = new java.util.Random(seed);
        return new Policy() {
            Reply reply(int... classes) {
                int code = classes[random.nextInt(classes.length)] * 100 + random.nextInt(6) * 10 + random.nextInt(10);
                String text = List.of("No", "Greylisted, try again", "Relay access denied", "x").get(random.nextInt(4));
                if (code / 100 == 3 || random.nextBoolean()) {
                    return Reply.of(code, text);
                }
                return Reply.of(code, smtp.wire.EnhancedStatus.of(code / 100, random.nextInt(8), random.nextInt(10)), text);
            }

            Decision decide() {
                return random.nextInt(3) == 0 ? Decision.reject(reply(4, 5)) : Decision.accept();
            }

            @Override
            public Decision connect(ConnectionInfo c) {
                return random.nextInt(8) == 0 ? Decision.reject(reply(4, 5)) : Decision.accept();
            }

            @Override
            public Decision hello(ConnectionInfo c, smtp.wire.Host host, boolean extended) {
                return random.nextInt(6) == 0 ? Decision.reject(reply(4, 5)) : Decision.accept();
            }

            @Override
            public Decision mail(Origin o, smtp.wire.ReversePath r, smtp.wire.MailParameters p) {
                return decide();
            }

            @Override
            public Decision recipient(Origin o, smtp.wire.ReversePath r, smtp.wire.ForwardPath f, smtp.wire.RcptParameters p) {
                return decide();
            }

            @Override
            public Decision message(Envelope e, MessageContent content) {
                return decide();
            }

            @Override
            public Reply verify(ConnectionInfo c, String argument) {
                return reply(2, 3, 4, 5);
            }

            @Override
            public Reply expand(ConnectionInfo c, String argument) {
                return reply(2, 3, 4, 5);
            }
        };
    }

    @Test
    @Tag("5321-4.3.2a")
    @Tag("5321-4.3.2-policy")
    void whateverThePolicyAnswersEveryReplyCodeIsOneTheCommandAllows_rfc5321_4_3_2() {
        qt().withExamples(400).forAll(longs().all(), lists().of(integers().between(0, POOL.size() - 1)).ofSizeBetween(1, 30))
            .checkAssert((seed, indexes) -> {
                ServerConfig config = ServerConfig.defaults(new Domain("mx.example.org")).with(Extension.STARTTLS).with(Extension.AUTH)
                        .withMaxErrors(1000).withVrfy(true).withExpn(true);
                ServerSession s = new ServerSession(config, ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()),
                        randomPolicy(seed), new InMemoryMessageStore(), USERS);
                List<Reply> greeting = ServerHarness.replies(s.greeting());
                // RFC 5321 §4.3.2 "CONNECTION ESTABLISHMENT S: 220 E: 554", and 421 (§3.8).
                int greetingCode = greeting.get(0).code();
                assertTrue(Set.of(220, 554, 421).contains(greetingCode), "greeting " + greeting + " seed " + seed);
                for (int i : indexes) {
                    if (s.isClosed()) {
                        break;
                    }
                    Step step = POOL.get(i);
                    List<ServerAction> actions = new ArrayList<>(s.receive(step.octets().getBytes(StandardCharsets.UTF_8)));
                    if (s.state() == SessionState.TLS_HANDSHAKE) {
                        actions.addAll(s.tlsStarted(Loopback.TLS));
                    }
                    for (Reply r : ServerHarness.replies(actions)) {
                        // RFC 5321 §3.1: after a 554 greeting, 503 to every command but QUIT.
                        boolean refusedSession = greetingCode == 554 && (r.code() == 503 || r.code() == 221);
                        assertTrue(refusedSession || ALLOWED.get(step.verb()).contains(r.code()) || ANY.contains(r.code()),
                                step.verb() + " answered " + r + " with policy seed " + seed + " after " + indexes);
                    }
                }
            });
    }

    @Test
    @Tag("2920-3.2")
    @Tag("5321-4.1.1.4-session")
    void pipelinedInputCutAtEveryOctetGivesTheSameReplies_rfc2920() {
        qt().withExamples(25).forAll(lists().of(integers().between(0, POOL.size() - 1)).ofSizeBetween(1, 14))
            .checkAssert(indexes -> {
                StringBuilder sb = new StringBuilder("EHLO client.example.com\r\n");
                for (int i : indexes) {
                    if (!POOL.get(i).verb().equals("STARTTLS")) {
                        sb.append(POOL.get(i).octets());
                    }
                }
                byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
                List<String> whole = replies(input, input.length);
                for (int cut = 1; cut < input.length; cut++) {
                    assertEquals(whole, replies(input, cut), "cut at " + cut);
                }
            });
    }

    /** The replies to {@code input} fed in two pieces, cut at {@code cut}. */
    private static List<String> replies(byte[] input, int cut) {
        ServerSession s = server(new InMemoryMessageStore());
        List<ServerAction> actions = new ArrayList<>(s.receive(input, 0, cut));
        actions.addAll(s.receive(input, cut, input.length - cut));
        return ServerHarness.replies(actions).stream().map(Reply::toString).toList();
    }
}
