package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import smtp.queue.Envelope;
import smtp.queue.Origin;
import smtp.queue.QueueId;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.wire.BodyType;
import smtp.wire.ReversePath;
import smtp.wire.Ret;

/**
 * The message file {@code queue/<id>.msg}, format version 1: an envelope header in text,
 * then the content, then the trace fields. Written once, never modified after the rename
 * that accepts it.
 *
 * <pre>
 * SMTP-REF-QUEUE 1
 * queue-id: 01JQ7Z8N4K3M5Q2W
 * arrival-date: 2026-03-01T09:15:02.123Z
 * reverse-path: &lt;alice@example.org&gt;
 * ret: HDRS                          (optional: FULL or HDRS, RFC 3461 §4.3)
 * envid: QQ314159                    (optional, xtext, RFC 3461 §4.4)
 * body: 8BITMIME                     (optional: 7BIT, 8BITMIME or BINARYMIME)
 * smtputf8: yes                      (yes or no)
 * client-address: 192.0.2.1          (optional)
 * helo: client.example.org           (optional, xtext)
 * auth: alice                        (optional, xtext)
 * recipient: &lt;bob@example.com&gt; NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com
 * recipient: &lt;carol@example.net&gt;
 * content-octets: 000000000001234    (15 digits)
 * trace-octets: 000000000000321      (15 digits)
 * crc32c: 5e3a91c0                   (of content then trace, 8 hex digits)
 * (empty line)
 * content octets, exactly as received (CRLF lines), then trace octets (header fields)
 * </pre>
 *
 * The content is streamed in while the session receives DATA; the trace fields are computed at
 * the end of data and appended, and the three fixed-width size fields are filled in before the
 * file is synced and renamed. A reader delivers trace then content. The file is complete iff
 * its length is the header's length plus both sizes.
 */
final class MessageFile {

    static final String MAGIC = "SMTP-REF-QUEUE 1";
    static final String SUFFIX = ".msg";
    /** A header longer than this is corrupt (about 40,000 recipients). */
    static final int MAX_HEADER = 8 << 20;

    // Compiled once: every message's header is parsed twice (the round-trip check when it is
    // received, and again when it is delivered).
    private static final Pattern NUMERIC_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static final String CONTENT = "content-octets";
    private static final String TRACE = "trace-octets";
    private static final String CRC = "crc32c";

    /** What the header says. */
    record Header(QueuedMessage message, long contentOctets, long traceOctets, int crc32c, int length) {
    }

    /** A header with zero placeholders, and where to patch them. */
    record Template(byte[] bytes, int contentAt, int traceAt, int crcAt) {
    }

    private MessageFile() {
    }

    static Template template(QueueId id, Instant arrival, Origin origin, Envelope envelope) {
        TextFields f = new TextFields(MAGIC)
                .add("queue-id", id)
                .add("arrival-date", arrival)
                .add("reverse-path", SpoolText.reversePath(envelope.reversePath()));
        envelope.ret().ifPresent(r -> f.add("ret", r));
        envelope.envelopeId().ifPresent(e -> f.add("envid", SpoolText.xtext(e)));
        envelope.body().ifPresent(b -> f.add("body", b.keyword()));
        f.add("smtputf8", TextFields.yesNo(envelope.smtpUtf8()));
        // Without an IPv6 scope ("%eth0"): the reader accepts numeric addresses only.
        origin.clientAddress().ifPresent(a -> f.add("client-address", withoutScope(a.getHostAddress())));
        origin.heloName().ifPresent(h -> f.add("helo", SpoolText.xtext(h)));
        origin.authenticatedIdentity().ifPresent(a -> f.add("auth", SpoolText.xtext(a)));
        for (Recipient r : envelope.recipients()) {
            f.add("recipient", SpoolText.recipient(r));
        }
        int contentAt = f.bytes().length + CONTENT.length() + 2;
        f.add(CONTENT, "0".repeat(15));
        int traceAt = f.bytes().length + TRACE.length() + 2;
        f.add(TRACE, "0".repeat(15));
        int crcAt = f.bytes().length + CRC.length() + 2;
        f.add(CRC, "0".repeat(8));
        return new Template((f.text() + "\n").getBytes(StandardCharsets.UTF_8), contentAt, traceAt, crcAt);
    }

    private static String withoutScope(String hostAddress) {
        int percent = hostAddress.indexOf('%');
        return percent < 0 ? hostAddress : hostAddress.substring(0, percent);
    }

    /** {@code n} in 15 decimal digits, zero-padded (the same as {@code String.format("%015d", n)}). */
    static byte[] octets(long n) {
        String digits = Long.toString(n);
        if (n < 0 || digits.length() >= 15) {
            return String.format("%015d", n).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] out = new byte[15];
        Arrays.fill(out, 0, 15 - digits.length(), (byte) '0');
        for (int i = 0; i < digits.length(); i++) {
            out[15 - digits.length() + i] = (byte) digits.charAt(i);
        }
        return out;
    }

    /** {@code crc} in 8 lower-case hex digits (the same as {@code String.format("%08x", crc)}). */
    static byte[] crc(int crc) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = HEX[crc & 0xf];
            crc >>>= 4;
        }
        return out;
    }

    /** Reads the header from the start of {@code in} (which is left just after it). */
    static Decoded<Header> readHeader(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int len = 0;
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return Decoded.corrupt("end of file inside the header");
            }
            if (len == buf.length) {
                if (buf.length >= MAX_HEADER) {
                    return Decoded.corrupt("header longer than " + MAX_HEADER);
                }
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
            if (b == '\n' && prev == '\n') {
                break;
            }
            prev = b;
        }
        return parseHeader(buf, len);
    }

    /** Parses a header of {@code len} octets ending with the empty line. */
    static Decoded<Header> parseHeader(byte[] buf, int len) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        String text;
        try {
            text = decoder.decode(java.nio.ByteBuffer.wrap(buf, 0, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Decoded.corrupt("header is not UTF-8");
        }
        try {
            return Decoded.ok(decode(TextFields.parse(text.substring(0, text.length() - 1), MAGIC), len));
        } catch (CorruptFileException e) {
            return Decoded.corrupt(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Decoded.corrupt("invalid value: " + e.getMessage());
        }
    }

    private static Header decode(List<TextFields.Field> fields, int length) throws CorruptFileException {
        QueueId id = null;
        Instant arrival = null;
        ReversePath reversePath = null;
        Optional<Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        Optional<BodyType> body = Optional.empty();
        boolean smtpUtf8 = false;
        Optional<InetAddress> client = Optional.empty();
        Optional<String> helo = Optional.empty();
        Optional<String> auth = Optional.empty();
        List<Recipient> recipients = new ArrayList<>();
        long content = -1;
        long trace = -1;
        int crc = 0;
        boolean crcSeen = false;
        for (TextFields.Field f : fields) {
            String v = f.value();
            switch (f.name()) {
                case "queue-id" -> id = QueueId.parse(v).orElseThrow(() -> new CorruptFileException("bad queue-id"));
                case "arrival-date" -> arrival = TextFields.instant(f);
                case "reverse-path" -> reversePath = SpoolText.parseReversePath(v);
                case "ret" -> ret = Optional.of(enumValue(Ret.class, v));
                case "envid" -> envid = Optional.of(SpoolText.unxtext("envid", v));
                case "body" -> body = Optional.of(bodyType(v));
                case "smtputf8" -> smtpUtf8 = TextFields.yesNo(f);
                case "client-address" -> client = Optional.of(address(v));
                case "helo" -> helo = Optional.of(SpoolText.unxtext("helo", v));
                case "auth" -> auth = Optional.of(SpoolText.unxtext("auth", v));
                case "recipient" -> recipients.add(SpoolText.parseRecipient(v));
                case CONTENT -> content = TextFields.number(f);
                case TRACE -> trace = TextFields.number(f);
                case CRC -> {
                    try {
                        crc = Integer.parseUnsignedInt(v, 16);
                        crcSeen = v.length() == 8;
                    } catch (NumberFormatException e) {
                        throw new CorruptFileException("bad crc32c");
                    }
                }
                // Unknown fields are errors: a version 1 reader must not silently drop envelope data.
                default -> throw new CorruptFileException("unknown field " + f.name());
            }
        }
        if (id == null || arrival == null || reversePath == null || recipients.isEmpty()
                || content < 0 || trace < 0 || !crcSeen) {
            throw new CorruptFileException("a required field is missing");
        }
        Envelope envelope = new Envelope(reversePath, recipients, ret, envid, body, smtpUtf8);
        QueuedMessage message = new QueuedMessage(id, arrival, new Origin(client, helo, auth), envelope, content + trace);
        return new Header(message, content, trace, crc, length);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v) throws CorruptFileException {
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException("bad " + type.getSimpleName() + " " + v);
        }
    }

    private static BodyType bodyType(String v) throws CorruptFileException {
        for (BodyType t : BodyType.values()) {
            if (t.keyword().equals(v)) {
                return t;
            }
        }
        throw new CorruptFileException("bad body " + v);
    }

    private static InetAddress address(String v) throws CorruptFileException {
        // Only numeric forms are accepted, so that reading never performs a DNS lookup.
        if (!NUMERIC_ADDRESS.matcher(v).matches()
                || !(v.indexOf(':') >= 0 || DOTTED_QUAD.matcher(v).matches())) {
            throw new CorruptFileException("bad client-address " + v);
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new CorruptFileException("bad client-address " + v);
        }
    }
}
