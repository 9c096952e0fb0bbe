package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;
import smtp.session.testing.Loopback;
import smtp.wire.Domain;

/**
 * The client and server machines connected in process: whatever the server offers and however
 * the client is configured, a transaction completes and the server stores exactly what the
 * client sent.
 */
class LoopbackProperties {

    private static final CredentialStore USERS = CredentialStores.of(Map.of(
            "tim", ScramCredential.derive("tanstaaftanstaaf", "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096)));

    /** Runs one session; returns the store. */
    static InMemoryMessageStore deliver(Set<Extension> offered, boolean pipelining, boolean chunking, int piece,
                                        List<OutboundMessage> messages, int mechanism, List<DeliveryResult> results) {
        boolean auth = offered.contains(Extension.AUTH);
        ServerConfig server = ServerConfig.defaults(new Domain("mx.example.org")).withExtensions(offered)
                .withAuthWithoutTls(!offered.contains(Extension.STARTTLS));
        ClientConfig client = ClientConfig.defaults(new Domain("relay.example.com")).withPipelining(pipelining).withChunking(chunking);
        if (auth) {
            client = client.withCredentials(new ClientCredentials("tim", "tanstaaftanstaaf",
                    List.of(ServerConfig.MECHANISMS.get(mechanism % 3)), true));
        }
        InMemoryMessageStore store = new InMemoryMessageStore();
        ServerSession s = new ServerSession(server, ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()),
                Policy.ACCEPT_ALL, store, USERS);
        ClientSession c = new ClientSession(client, messages);
        Loopback.run(c, s, piece);
        results.addAll(c.results());
        return store;
    }

    @Test
    @Tag("5321-3.3c")
    @Tag("2920-3.1")
    @Tag("3030-2d")
    @Tag("3207-4.1")
    @Tag("4954-4h")
    void everyCombinationOfExtensionsCompletesATransaction() {
        Extension[] all = Extension.values();
        byte[] body = "Subject: test\r\n\r\n.leading dot\r\n..two\r\nlast line\r\n".getBytes(StandardCharsets.UTF_8);
        int runs = 0;
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<Extension> offered = EnumSet.noneOf(Extension.class);
            for (int i = 0; i < all.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    offered.add(all[i]);
                }
            }
            for (int mode = 0; mode < 4; mode++) {
                List<DeliveryResult> results = new ArrayList<>();
                OutboundMessage m = new OutboundMessage(ClientHarness.message("a@example.com", "", "b@example.org", "c@example.org").envelope(),
                        MessageBody.of(body));
                InMemoryMessageStore store = deliver(offered, (mode & 1) != 0, (mode & 2) != 0, Integer.MAX_VALUE,
                        List.of(m, m), mask + mode, results);
                String where = offered + " mode " + mode;
                assertEquals(2, results.size(), where);
                for (DeliveryResult r : results) {
                    assertTrue(r.allDelivered(), where + ": " + r.recipients());
                    assertEquals(offered.contains(Extension.STARTTLS), r.tls().isPresent(), where);
                }
                assertEquals(2, store.messages().size(), where);
                assertEquals(new String(body, StandardCharsets.UTF_8), store.messages().get(1).text(), where);
                assertEquals(offered.contains(Extension.AUTH), store.messages().get(0).envelope().origin().authIdentity().isPresent(), where);
                runs++;
            }
        }
        assertEquals(2048, runs);
    }

    @Test
    @Tag("5321-3.3c")
    @Tag("2920-3.1")
    void randomMessagesArriveIntactHoweverTheOctetsAreCut() {
        qt().withExamples(60).forAll(
                lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 120)).ofSizeBetween(0, 20),
                integers().between(1, 5),
                integers().between(0, (1 << Extension.values().length) - 1),
                integers().between(1, 64))
            .checkAssert((lines, recipients, mask, piece) -> {
                StringBuilder sb = new StringBuilder();
                for (String l : lines) {
                    sb.append(l.replace("\r", "").replace("\n", "")).append("\r\n");
                }
                String[] to = new String[recipients];
                for (int i = 0; i < recipients; i++) {
                    to[i] = "r" + i + "@example.org";
                }
                Set<Extension> offered = EnumSet.noneOf(Extension.class);
                for (Extension e : Extension.values()) {
                    if ((mask & (1 << e.ordinal())) != 0) {
                        offered.add(e);
                    }
                }
                offered.remove(Extension.SIZE); // the body may exceed nothing, but keep SIZE out of the way of long lines
                List<DeliveryResult> results = new ArrayList<>();
                InMemoryMessageStore store = deliver(offered, mask % 2 == 0, mask % 3 == 0, piece,
                        List.of(ClientHarness.message("a@example.com", sb.toString(), to)), mask, results);
                assertTrue(results.get(0).allDelivered(), results.toString());
                assertEquals(sb.toString(), store.messages().get(0).text());
                assertEquals(recipients, store.messages().get(0).envelope().recipients().size());
            });
    }

    @Test
    @Tag("5321-3.3c")
    void partialAcceptanceDeliversToTheAcceptedRecipientsOnly_rfc5321_3_3() {
        Policy policy = new Policy() {
            @Override
            public Decision recipient(Origin origin, smtp.wire.ReversePath reversePath, smtp.wire.ForwardPath forwardPath,
                                      smtp.wire.RcptParameters parameters) {
                String p = forwardPath.toString();
                return p.startsWith("<bad") ? Decision.reject(smtp.wire.Reply.of(550, "5.1.1", "No such user"))
                        : p.startsWith("<later") ? Decision.reject(smtp.wire.Reply.of(451, "4.3.0", "Try later"))
                        : Decision.accept();
            }
        };
        for (boolean pipelining : new boolean[] {true, false}) {
            InMemoryMessageStore store = new InMemoryMessageStore();
            ServerSession s = new ServerSession(ServerConfig.defaults(new Domain("mx.example.org")),
                    ConnectionInfo.cleartext(InetAddress.getLoopbackAddress()), policy, store, CredentialStore.NONE);
            ClientSession c = new ClientSession(ClientConfig.defaults(new Domain("relay.example.com")).withPipelining(pipelining),
                    List.of(ClientHarness.message("a@example.com", "x\r\n", "good@example.org", "bad@example.org", "later@example.org"),
                            ClientHarness.message("a@example.com", "y\r\n", "bad@example.org"),
                            ClientHarness.message("a@example.com", "z\r\n", "good2@example.org")));
            Loopback.run(c, s);
            List<RecipientResult> r = c.results().get(0).recipients();
            assertInstanceOf(RecipientResult.Delivered.class, r.get(0));
            assertInstanceOf(RecipientResult.PermanentFailure.class, r.get(1));
            assertInstanceOf(RecipientResult.TemporaryFailure.class, r.get(2));
            assertInstanceOf(RecipientResult.PermanentFailure.class, c.results().get(1).recipients().get(0));
            assertInstanceOf(RecipientResult.Delivered.class, c.results().get(2).recipients().get(0));
            assertEquals(2, store.messages().size());
            assertEquals(List.of("<good@example.org>"), store.messages().get(0).envelope().forwardPaths().stream().map(Object::toString).toList());
        }
    }
}
