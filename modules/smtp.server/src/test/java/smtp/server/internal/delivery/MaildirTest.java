package smtp.server.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.testing.TestMta;

/** Maildir delivery: tmp/ then new/, LF line ends, and one file per (queue id, user) even when repeated. */
class MaildirTest {

    @Test
    @Tag("5321-4.4b")
    @Tag("5321-6.1-maildir")
    void deliversOnceIntoNewWithLfLineEnds() throws Exception {
        Path dir = Files.createTempDirectory("maildir-");
        try {
            Maildir m = new Maildir(dir.resolve("alice"));
            String name = Maildir.name(1700000000L, "Q01ABC_alice", "mx.example.test");
            byte[] prefix = "Return-Path: <s@example.org>\r\n".getBytes(StandardCharsets.US_ASCII);
            assertTrue(m.deliver(name, prefix, new ByteArrayInputStream("Subject: x\r\n\r\nline\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertFalse(m.deliver(name, prefix, new ByteArrayInputStream("again".getBytes(StandardCharsets.US_ASCII))),
                    "a repeated delivery (after a crash) finds the message there");
            Path file = dir.resolve("alice/new").resolve(name);
            assertEquals("Return-Path: <s@example.org>\nSubject: x\n\nline\n", Files.readString(file));
            try (Stream<Path> tmp = Files.list(dir.resolve("alice/tmp"))) {
                assertEquals(0, tmp.count(), "nothing left in tmp/");
            }
            assertTrue(Files.isDirectory(dir.resolve("alice/cur")));
            assertEquals("1700000000.Q1.host\\057a\\072b", Maildir.name(1700000000L, "Q1", "host/a:b"));
        } finally {
            TestMta.delete(dir);
        }
    }

    @Test
    @Tag("5321-6.1-maildir")
    void recreatesAnyOfTmpNewCurRemovedBetweenDeliveries() throws Exception {
        Path dir = Files.createTempDirectory("maildir-");
        try {
            Maildir m = new Maildir(dir.resolve("carol"));
            byte[] body = "Subject: r\r\n\r\nz\r\n".getBytes(StandardCharsets.US_ASCII);
            int n = 0;
            for (String removed : new String[] {"cur", "tmp", "new"}) {
                assertTrue(m.deliver(Maildir.name(1700000000L, "Q" + n++ + "_carol", "mx"), new byte[0],
                        new ByteArrayInputStream(body)));
                TestMta.delete(dir.resolve("carol").resolve(removed));
                assertTrue(m.deliver(Maildir.name(1700000000L, "Q" + n++ + "_carol", "mx"), new byte[0],
                        new ByteArrayInputStream(body)), "delivered after " + removed + "/ was removed");
                for (String d : new String[] {"tmp", "new", "cur"}) {
                    assertTrue(Files.isDirectory(dir.resolve("carol").resolve(d)), d + "/ exists again");
                }
            }
        } finally {
            TestMta.delete(dir);
        }
    }

    @Test
    @Tag("5321-6.1-maildir")
    void repeatAfterAKillSyncsNewBeforeReportingTheMessageThere_rfc5321_6_1() throws Exception {
        Path dir = Files.createTempDirectory("maildir-");
        try {
            List<Path> syncs = new ArrayList<>();
            Maildir m = new Maildir(dir.resolve("bob"), syncs::add);
            String name = Maildir.name(1700000000L, "Q01XYZ_bob", "mx.example.test");
            byte[] body = "Subject: y\r\n\r\nz\r\n".getBytes(StandardCharsets.US_ASCII);
            assertTrue(m.deliver(name, new byte[0], new ByteArrayInputStream(body)));
            assertEquals(List.of(dir.resolve("bob/new")), syncs, "new/ synced once the link is made");
            // A kill between the link and its sync: the name is in new/ but perhaps not on disk.
            String killed = Maildir.name(1700000001L, "Q01XYZ_bob", "mx.example.test");
            Files.writeString(dir.resolve("bob/new").resolve(killed), "Subject: y\n\nz\n");
            syncs.clear();
            assertFalse(m.deliver(killed, new byte[0], new ByteArrayInputStream(body)));
            assertEquals(List.of(dir.resolve("bob/new")), syncs,
                    "the repeat makes the earlier link durable before the queue forgets the message");
            assertEquals("Subject: y\n\nz\n", Files.readString(dir.resolve("bob/new").resolve(killed)));
        } finally {
            TestMta.delete(dir);
        }
    }

    @Test
    @Tag("5321-4.4b")
    void onlyCrlfBecomesLf() throws Exception {
        Path dir = Files.createTempDirectory("maildir-");
        try {
            Maildir m = new Maildir(dir.resolve("u"));
            int[] n = {0};
            qt().withExamples(200).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(s -> {
                try {
                    String name = "n" + n[0]++;
                    m.deliver(name, new byte[0], new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
                    assertArrayEquals(s.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8),
                            Files.readAllBytes(dir.resolve("u/new").resolve(name)));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            TestMta.delete(dir);
        }
    }
}
