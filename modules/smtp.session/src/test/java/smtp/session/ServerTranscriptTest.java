package smtp.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The error paths of the server session as transcripts (exact replies). */
class ServerTranscriptTest {

    @Test
    @Tag("5321-4.1.4a")
    @Tag("5321-4.1.4b")
    @Tag("5321-3.3a")
    void commandsOutOfSequenceGet503AndLeaveTheStateAlone_rfc5321_4_1_4() {
        Transcript.run("sequence-errors.txt");
    }

    @Test
    @Tag("5321-4.2.4")
    @Tag("5321-4.1.1.11")
    void unknownVerbsParametersLongLinesAndBareLf_rfc5321_4_2_4() {
        Transcript.run("syntax-errors.txt");
    }

    @Test
    @Tag("5321-4.1.4c")
    @Tag("5321-4.1.1.1-session")
    void ehloResetsTheTransactionAndHeloHasNoExtensions_rfc5321_4_1_4() {
        Transcript.run("ehlo-resets-transaction.txt");
    }

    @Test
    @Tag("1870-6a")
    @Tag("1870-6b")
    void sizeIsAnnouncedAndEnforced_rfc1870_6() {
        Transcript.run("size-limit.txt");
    }

    @Test
    @Tag("5321-3.1")
    void refusedSessionAnswers503UntilQuit_rfc5321_3_1() {
        Transcript.run("rejected-session.txt");
    }

    @Test
    @Tag("5321-4.3.2c")
    void tooManyErrorsClosesWith421() {
        Transcript.run("max-errors.txt");
    }

    @Test
    @Tag("3207-4.2a")
    @Tag("3207-4.2b")
    void plaintextPipelinedAfterStartTlsIsDiscarded_rfc3207_4_2() {
        Transcript.run("starttls-injection.txt");
    }

    @Test
    @Tag("3207-4a")
    @Tag("3207-4b")
    void startTlsRulesAndRequiredTls_rfc3207_4() {
        Transcript.run("starttls-rules.txt");
    }

    @Test
    @Tag("4954-4a")
    @Tag("4954-4b")
    @Tag("4954-4c")
    @Tag("4616-2")
    void authPlainOnlyOverTlsAndOnlyOnce_rfc4954_4() {
        Transcript.run("auth-plain.txt");
    }

    @Test
    @Tag("4954-4d")
    void authLoginChallengesAreExactlyUsernameAndPassword() {
        Transcript.run("auth-login.txt");
    }

    @Test
    @Tag("4954-4e")
    @Tag("4954-4f")
    void authCancelBadBase64UnknownMechanismAndInTransaction_rfc4954_4() {
        Transcript.run("auth-errors.txt");
    }

    @Test
    @Tag("3030-2a")
    @Tag("3030-2b")
    @Tag("3030-2c")
    void bdatChunksAreCountedNotUnstuffedAndNotMixedWithData_rfc3030_2() {
        var store = Transcript.run("bdat.txt");
        // RFC 3030 §2: no dot-stuffing with BDAT; "..", "." lines are content.
        org.junit.jupiter.api.Assertions.assertEquals("Subject: x\r\n\r\n..\r\n.\r\n", store.messages().get(0).text());
        org.junit.jupiter.api.Assertions.assertEquals("", store.messages().get(1).text());
    }

    @Test
    @Tag("3030-2b")
    void bdatOctetsAreReadEvenWhenChunkingIsNotOffered_rfc3030_2() {
        Transcript.run("bdat-not-offered.txt");
    }

    @Test
    @Tag("5321-4.1.1.4-session")
    void smuggledEndOfDataIsNotExecuted_rfc5321_4_1_1_4() {
        Transcript.run("data-smuggling.txt");
    }

    @Test
    @Tag("2920-3.1")
    @Tag("2920-3.2")
    void aWholePipelinedTransactionIsAnsweredInOrder_rfc2920_3() {
        Transcript.run("pipelining.txt");
    }

    @Test
    @Tag("2034-3-session")
    void withoutTheExtensionRepliesCarryNoStatusCode_rfc2034_3() {
        Transcript.run("no-enhanced-status.txt");
    }

    @Test
    @Tag("6531-3.4")
    @Tag("6531-3.5")
    void nonAsciiAddressesNeedSmtpUtf8_rfc6531_3_5() {
        Transcript.run("smtputf8.txt");
    }

    @Test
    @Tag("5321-4.1.1.11")
    @Tag("6531-3.4")
    @Tag("6152-2")
    @Tag("3461-4-session")
    void parametersOfExtensionsNotOfferedGet555_rfc5321_4_1_1_11() {
        Transcript.run("smtputf8-not-offered.txt");
    }
}
