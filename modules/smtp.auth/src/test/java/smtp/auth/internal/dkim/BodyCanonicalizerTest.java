package smtp.auth.internal.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import smtp.auth.DkimCanonicalization;

class BodyCanonicalizerTest {

    /** A sink that records the canonical octets, for comparing them (not only hashes). */
    static byte[] canonicalize(DkimCanonicalization c, byte[] body, List<Integer> cuts) {
        BodySink sink = new BodySink(new RecordingDigest(), Long.MAX_VALUE);
        return feed(BodyCanonicalizer.of(c, sink), body, cuts);
    }

    /** Relaxed with {@link WhitespaceMarks} blocks of {@code block} octets (tiny ones cross block ends often). */
    static byte[] relaxedWithBlock(int block, byte[] body, List<Integer> cuts) {
        return feed(new RelaxedBodyCanonicalizer(new BodySink(new RecordingDigest(), Long.MAX_VALUE), block), body, cuts);
    }

    static byte[] feed(BodyCanonicalizer bc, byte[] body, List<Integer> cuts) {
        BodySink sink = bc.sink();
        int pos = 0;
        for (int cut : cuts) {
            int n = Math.min(cut, body.length - pos);
            bc.update(body, pos, n);
            pos += n;
        }
        bc.update(body, pos, body.length - pos);
        bc.finish();
        return sink.digest(); // the recording digest returns what it was given
    }

    static byte[] canonicalize(DkimCanonicalization c, String body) {
        return canonicalize(c, body.getBytes(StandardCharsets.ISO_8859_1), List.of());
    }

    /** A MessageDigest that keeps what it is given. */
    static final class RecordingDigest extends MessageDigest {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        RecordingDigest() {
            super("recording");
        }

        @Override
        protected void engineUpdate(byte input) {
            out.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            out.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return out.toByteArray();
        }

        @Override
        protected void engineReset() {
            out.reset();
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    @Tag("6376-3.4.5")
    void rfcExample1RelaxedBody_rfc6376_3_4_5() {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertEquals(" C\r\nD E\r\n", text(canonicalize(DkimCanonicalization.RELAXED, body)));
    }

    @Test
    @Tag("6376-3.4.5")
    void rfcExample2SimpleBody_rfc6376_3_4_5() {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertEquals(" C \r\nD \t E\r\n", text(canonicalize(DkimCanonicalization.SIMPLE, body)));
    }

    @Test
    @Tag("6376-3.4.3")
    void emptySimpleBodyIsOneCrlfWithTheRfcHash_rfc6376_3_4_3() throws Exception {
        assertEquals("\r\n", text(canonicalize(DkimCanonicalization.SIMPLE, "")));
        assertEquals("\r\n", text(canonicalize(DkimCanonicalization.SIMPLE, "\r\n\r\n\r\n")));
        assertEquals("abc\r\n", text(canonicalize(DkimCanonicalization.SIMPLE, "abc")));
        assertEquals("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=", hash(DkimCanonicalization.SIMPLE, "SHA-256", ""));
        assertEquals("uoq1oCgLlTqpdDX/iUbLy7J1Wic=", hash(DkimCanonicalization.SIMPLE, "SHA-1", ""));
    }

    @Test
    @Tag("6376-3.4.4")
    void emptyRelaxedBodyIsNullInputWithTheRfcHash_rfc6376_3_4_4() throws Exception {
        assertEquals("", text(canonicalize(DkimCanonicalization.RELAXED, "")));
        assertEquals("", text(canonicalize(DkimCanonicalization.RELAXED, " \t\r\n\r\n \r\n")));
        assertEquals("abc\r\n", text(canonicalize(DkimCanonicalization.RELAXED, "abc")));
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", hash(DkimCanonicalization.RELAXED, "SHA-256", ""));
        assertEquals("2jmj7l5rSw0yVb/vlWAYkK/YBwk=", hash(DkimCanonicalization.RELAXED, "SHA-1", ""));
    }

    @Test
    @Tag("6376-3.4.4")
    void bareCrAndLfAreContent_rfc6376_3_4_4() {
        assertEquals("a\rb\r\n", text(canonicalize(DkimCanonicalization.RELAXED, "a\rb")));
        assertEquals("a \r b\nc\r\n", text(canonicalize(DkimCanonicalization.RELAXED, "a\t\r\t b\nc \r\n")));
        assertEquals("a\r\r\n", text(canonicalize(DkimCanonicalization.SIMPLE, "a\r")));
        assertEquals("a \r\r\n", text(canonicalize(DkimCanonicalization.RELAXED, "a \r"))); // WSP before a bare CR is inside the line
    }

    static String hash(DkimCanonicalization c, String alg, String body) throws Exception {
        BodySink sink = new BodySink(MessageDigest.getInstance(alg), Long.MAX_VALUE);
        BodyCanonicalizer bc = BodyCanonicalizer.of(c, sink);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        bc.update(b, 0, b.length);
        bc.finish();
        return Base64.getEncoder().encodeToString(sink.digest());
    }

    /** A body that prints readably when a property fails. */
    record Body(byte[] octets) {
        @Override
        public String toString() {
            return '"' + text(octets).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + '"';
        }
    }

    /** Bodies over the octets that matter: letters, SP, HTAB, CR, LF. */
    static Gen<Body> bodies() {
        byte[] alphabet = {'a', 'b', ' ', ' ', '\t', '\r', '\n', '\r', '\n'};
        return lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 60).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[l.get(i)];
            }
            return new Body(b);
        });
    }

    /** Text-like bodies: mostly letters (and UTF-8 octets), so that the 8-octet fast path runs. */
    static Gen<Body> textBodies() {
        byte[] alphabet = {'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0xC3, (byte) 0xA9, ' ', ' ', '\t', '\r', '\n', '\r', '\n'};
        return lists().of(integers().between(0, 60)).ofSizeBetween(0, 400).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                int k = l.get(i);
                b[i] = k < alphabet.length ? alphabet[k] : (byte) ('h' + k % 10); // most octets are letters
            }
            return new Body(b);
        });
    }

    /** Whitespace-heavy bodies, with the control octets the marks over-approximate (NUL, BS, VT). */
    static Gen<Body> whitespaceBodies() {
        byte[] alphabet = {'a', ' ', ' ', ' ', '\t', '\t', '\r', '\n', '\r', '\n', 0, 8, 0x0B, (byte) 0xA0, (byte) 0x89};
        return lists().of(integers().between(0, alphabet.length - 1)).ofSizeBetween(0, 120).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[l.get(i)];
            }
            return new Body(b);
        });
    }

    static Gen<List<Integer>> cuts() {
        return lists().of(integers().between(0, 7)).ofSizeBetween(0, 30);
    }

    @Test
    @Tag("6376-3.4.3")
    void simpleMatchesTheReferenceForAnyChunking_rfc6376_3_4_3() {
        qt().withExamples(20000).forAll(bodies(), cuts()).check((bd, cuts) -> bd.octets() != null &&
                java.util.Arrays.equals(ReferenceCanonicalization.simple(bd.octets()), canonicalize(DkimCanonicalization.SIMPLE, bd.octets(), cuts)));
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedMatchesTheReferenceForAnyChunking_rfc6376_3_4_4() {
        qt().withExamples(20000).forAll(bodies(), cuts()).check((bd, cuts) -> bd.octets() != null &&
                java.util.Arrays.equals(ReferenceCanonicalization.relaxed(bd.octets()), canonicalize(DkimCanonicalization.RELAXED, bd.octets(), cuts)));
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedMatchesTheReferenceOnTextLikeBodies_rfc6376_3_4_4() {
        qt().withExamples(20000).forAll(textBodies(), lists().of(integers().between(0, 40)).ofSizeBetween(0, 20)).check((bd, cuts) ->
                java.util.Arrays.equals(ReferenceCanonicalization.relaxed(bd.octets()), canonicalize(DkimCanonicalization.RELAXED, bd.octets(), cuts))
                && java.util.Arrays.equals(ReferenceCanonicalization.simple(bd.octets()), canonicalize(DkimCanonicalization.SIMPLE, bd.octets(), cuts)));
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedMatchesTheReferenceForAnyBlockSizeAndChunking_rfc6376_3_4_4() {
        // WSP runs, CRs and CRLFs across block ends and chunk ends, in every combination.
        qt().withExamples(20000).forAll(whitespaceBodies(), cuts(), integers().between(1, 40)).check((bd, cuts, block) ->
                java.util.Arrays.equals(ReferenceCanonicalization.relaxed(bd.octets()), relaxedWithBlock(block, bd.octets(), cuts)));
        qt().withExamples(10000).forAll(textBodies(), lists().of(integers().between(0, 40)).ofSizeBetween(0, 20), integers().between(1, 70))
                .check((bd, cuts, block) ->
                java.util.Arrays.equals(ReferenceCanonicalization.relaxed(bd.octets()), relaxedWithBlock(block, bd.octets(), cuts)));
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedWhitespaceAtChunkAndBlockEnds_rfc6376_3_4_4() {
        String[] bodies = {
            "a  b\r\n", "a\tb\r\n", "a \t b \r\n", "a\t\r\n", " \t \r\n \r\n", "\t", " ", "  \r", " \r\n\r\n x",
            "a \r b\r\n", "a\t\rb", "x\u0000 y\u0008\tz\u000b  \r\n", "a  \r\n\r\n\t\r\n", "\r\n\r\n\t a\r\n",
        };
        for (String body : bodies) {
            byte[] octets = body.getBytes(StandardCharsets.ISO_8859_1);
            byte[] expected = ReferenceCanonicalization.relaxed(octets);
            for (int cut = 0; cut <= octets.length; cut++) {
                for (int block = 1; block <= octets.length + 1; block++) {
                    assertArrayEquals(expected, relaxedWithBlock(block, octets, List.of(cut)), body + " cut " + cut + " block " + block);
                }
            }
        }
        assertEquals("a b\r\n", text(relaxedWithBlock(1, "a \t b\r\n".getBytes(StandardCharsets.ISO_8859_1), List.of(2, 1))));
        assertEquals("", text(relaxedWithBlock(3, " \t \r\n\t\r\n".getBytes(StandardCharsets.ISO_8859_1), List.of(1, 1, 1))));
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedLargeBodiesMatchTheReference_rfc6376_3_4_4() {
        // Several default-size blocks, in server-sized chunks: the path the benchmarks measure.
        java.util.Random r = new java.util.Random(6376);
        String[] pieces = {"word", " ", " ", "  ", "\t", " \t ", "\r\n", "\r\n\r\n", " \r\n", "caf\u00e9", "\r", "\n"};
        for (int round = 0; round < 20; round++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 3 * WhitespaceMarks.BLOCK + r.nextInt(5000)) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            int chunk = 1 + r.nextInt(20000);
            List<Integer> cuts = new java.util.ArrayList<>();
            for (int n = 0; n < body.length; n += chunk) {
                cuts.add(chunk);
            }
            assertArrayEquals(ReferenceCanonicalization.relaxed(body), canonicalize(DkimCanonicalization.RELAXED, body, cuts), "round " + round);
        }
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedIsIdempotentAndSimpleIsIdempotent_rfc6376_3_4_4() {
        qt().withExamples(5000).forAll(bodies()).check(bd -> {
            byte[] body = bd.octets();
            byte[] once = canonicalize(DkimCanonicalization.RELAXED, body, List.of());
            byte[] s = canonicalize(DkimCanonicalization.SIMPLE, body, List.of());
            return java.util.Arrays.equals(once, canonicalize(DkimCanonicalization.RELAXED, once, List.of()))
                    && java.util.Arrays.equals(s, canonicalize(DkimCanonicalization.SIMPLE, s, List.of()));
        });
    }

    @Test
    @Tag("6376-3.4.3")
    void trailingEmptyLinesDoNotChangeTheCanonicalBody_rfc6376_3_4_3() {
        qt().withExamples(5000).forAll(bodies(), integers().between(1, 5)).check((bd, n) -> {
            byte[] body = bd.octets();
            byte[] more = (text(body) + "\r\n".repeat(n)).getBytes(StandardCharsets.ISO_8859_1);
            boolean endsWithCrlf = body.length >= 2 && body[body.length - 2] == '\r' && body[body.length - 1] == '\n';
            if (!endsWithCrlf && body.length > 0 && body[body.length - 1] == '\r') {
                return true; // "x\r" + CRLF... turns the CR into content; not the law's case
            }
            return java.util.Arrays.equals(canonicalize(DkimCanonicalization.SIMPLE, body, List.of()),
                    canonicalize(DkimCanonicalization.SIMPLE, more, List.of()))
                    && java.util.Arrays.equals(canonicalize(DkimCanonicalization.RELAXED, body, List.of()),
                    canonicalize(DkimCanonicalization.RELAXED, more, List.of()));
        });
    }

    @Test
    @Tag("6376-3.4.4")
    void relaxedOfSimpleEqualsRelaxed_rfc6376_3_4_4() {
        qt().withExamples(5000).forAll(bodies()).check(bd -> java.util.Arrays.equals(
                canonicalize(DkimCanonicalization.RELAXED, bd.octets(), List.of()),
                canonicalize(DkimCanonicalization.RELAXED, canonicalize(DkimCanonicalization.SIMPLE, bd.octets(), List.of()), List.of())));
    }

    @Test
    @Tag("6376-3.5l")
    void lengthLimitHashesOnlyThePrefix_rfc6376_3_5() throws Exception {
        byte[] body = "Hello  world\r\nsecond line\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        BodySink limited = new BodySink(MessageDigest.getInstance("SHA-256"), 5);
        BodyCanonicalizer bc = BodyCanonicalizer.of(DkimCanonicalization.RELAXED, limited);
        bc.update(body, 0, body.length);
        bc.finish();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("Hello".getBytes(StandardCharsets.US_ASCII)), limited.digest());
        assertEquals("Hello world\r\nsecond line\r\n".length(), limited.length());
    }
}
