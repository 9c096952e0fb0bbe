package smtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.session.testing.InMemoryMessageStore;

/** The scenarios of RFC 5321 Appendix D, replayed against the server session. */
class AppendixDTranscriptTest {

    @Test
    @Tag("5321-D.1")
    void typicalTransactionStoresOneMessageForTwoOfThreeRecipients_rfc5321_D_1() {
        InMemoryMessageStore store = Transcript.run("appendix-d1-typical-transaction.txt");
        var envelope = store.messages().get(0).envelope();
        assertEquals("[<Jones@foo.com>, <Brown@foo.com>]", envelope.forwardPaths().toString());
        // RFC 5321 §4.5.2: the line "...etc." on the wire is dot-stuffed; the receiver removes one dot.
        assertEquals("Blah blah blah...\r\n..etc. etc. etc.\r\n", store.messages().get(0).text());
    }

    @Test
    @Tag("5321-D.2")
    void abortedTransactionStoresNothing_rfc5321_D_2() {
        assertEquals(0, Transcript.run("appendix-d2-aborted-transaction.txt").opened());
    }

    @Test
    @Tag("5321-D.3")
    void relayedMailBothHops_rfc5321_D_3() {
        InMemoryMessageStore first = Transcript.run("appendix-d3-relay-step1.txt");
        InMemoryMessageStore second = Transcript.run("appendix-d3-relay-step2.txt");
        assertEquals("<JQP@bar.com>", second.messages().get(0).envelope().reversePath().toString());
        assertEquals(first.messages().get(0).envelope().forwardPaths(), second.messages().get(0).envelope().forwardPaths());
    }

    @Test
    @Tag("5321-D.4")
    void verifyThenSend_rfc5321_D_4() {
        assertEquals(1, Transcript.run("appendix-d4-verify-and-send.txt").messages().size());
    }
}
