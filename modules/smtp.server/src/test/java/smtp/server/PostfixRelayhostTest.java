package smtp.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static smtp.server.testing.SmtpDialog.expect;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.InMemoryResolver;
import smtp.server.testing.PostfixPeer;
import smtp.server.testing.SmtpDialog;
import smtp.server.testing.TestMta;

/**
 * A real Postfix with this server as its relayhost: Postfix takes a message for a local user
 * of ours and one for a remote domain, and relays both through us (over STARTTLS, from a
 * network in {@code relay.networks}); we deliver one into the Maildir and relay the other
 * through our queue to the remote domain's MX.
 */
class PostfixRelayhostTest {

    @Test
    @Tag("5321-3.6c")
    void postfixRelaysThroughUs() throws Exception {
        try (TestMta remote = TestMta.builder().set("server.hostname", "mx.remote.test").set("domains.local", "remote.test")
                .user("carol", TestMta.PASSWORD).start()) {
            InMemoryResolver dns = InMemoryResolver.builder().mx("remote.test", 10, "mx.remote.test")
                    .a("mx.remote.test", "127.0.0.1").build();
            try (TestMta mta = TestMta.builder().resolver(dns).set("relay.networks", "127.0.0.0/8")
                    .set("delivery.port", Integer.toString(remote.smtp().getPort())).start();
                 PostfixPeer postfix = PostfixPeer.start("postfix.client.test",
                         "relayhost = [127.0.0.1]:" + mta.smtp().getPort() + "\nsmtp_tls_security_level = may\nsmtp_tls_loglevel = 1\n")) {
                try (SmtpDialog d = SmtpDialog.connect(new java.net.InetSocketAddress("127.0.0.1", postfix.port()))) {
                    expect(d.read(), 220);
                    expect(d.cmd("EHLO workstation.client.test"), 250);
                    expect(d.mail("dave@client.test", List.of("alice@example.test", "carol@remote.test"),
                            "From: dave@client.test\r\nTo: alice@example.test, carol@remote.test\r\nSubject: via postfix\r\n"
                                    + "Message-ID: <via-postfix@client.test>\r\n\r\nRelayed by Postfix through smtp-ref.\r\n"), 250);
                }
                String local = InboundDeliveryTest.unfold(mta.awaitMaildir("alice", 1, Duration.ofSeconds(60)).get(0));
                assertTrue(local.contains("Received: from postfix.client.test ([127.0.0.1]) by mx.example.test (smtp-ref) with ESMTPS"),
                        local);
                assertTrue(local.contains("by postfix.client.test (Postfix)"), "Postfix's own Received field: " + local);
                assertTrue(local.contains("Relayed by Postfix through smtp-ref."), local);
                String relayed = remote.awaitMaildir("carol", 1, Duration.ofSeconds(60)).get(0);
                assertTrue(relayed.contains("Subject: via postfix"), relayed);
                String log = postfix.awaitLog("status=sent", Duration.ofSeconds(30));
                assertTrue(log.contains("relay=127.0.0.1[127.0.0.1]:" + mta.smtp().getPort()), log);
                assertTrue(log.contains("TLS connection established to 127.0.0.1"), "Postfix used STARTTLS: " + log);
            }
        }
    }
}
