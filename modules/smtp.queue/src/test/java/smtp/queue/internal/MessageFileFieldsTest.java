package smtp.queue.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smtp.queue.Envelope;
import smtp.queue.Origin;
import smtp.queue.QueueId;

/**
 * The fixed-width fields of the message file header, written without {@code String.format}
 * (they are written for every message), are byte for byte what {@code String.format} wrote.
 */
class MessageFileFieldsTest {

    @Test
    void octetsAreFifteenZeroPaddedDigitsAsBefore() {
        qt().forAll(longs().between(0, 999_999_999_999_999L))
                .checkAssert(n -> assertArrayEquals(
                        String.format("%015d", n).getBytes(StandardCharsets.US_ASCII), MessageFile.octets(n)));
        assertEquals("000000000000000", new String(MessageFile.octets(0), StandardCharsets.US_ASCII));
        assertEquals("000000000001234", new String(MessageFile.octets(1234), StandardCharsets.US_ASCII));
        assertEquals(String.valueOf(Long.MAX_VALUE),
                new String(MessageFile.octets(Long.MAX_VALUE), StandardCharsets.US_ASCII));
    }

    @Test
    void crcIsEightLowerCaseHexDigitsAsBefore() {
        qt().forAll(integers().all())
                .checkAssert(c -> assertArrayEquals(
                        String.format("%08x", c).getBytes(StandardCharsets.US_ASCII), MessageFile.crc(c)));
        assertEquals("5e3a91c0", new String(MessageFile.crc(0x5e3a91c0), StandardCharsets.US_ASCII));
        assertEquals("ffffffff", new String(MessageFile.crc(-1), StandardCharsets.US_ASCII));
        assertEquals("00000000", new String(MessageFile.crc(0), StandardCharsets.US_ASCII));
    }

    @Test
    void clientAddressLosesItsIpv6ScopeAndReadsBack() throws Exception {
        InetAddress scoped = InetAddress.getByName("fe80::1%1");
        Envelope envelope = Fixtures.envelope("alice@example.org", Fixtures.rcpt("bob@example.com"));
        Origin origin = new Origin(Optional.of(scoped), Optional.empty(), Optional.empty());
        MessageFile.Template t = MessageFile.template(QueueId.parse("01JQ7Z8N4K3M5Q2W").orElseThrow(),
                SpoolFormatProperties.T, origin, envelope);
        String text = new String(t.bytes(), StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\nclient-address: fe80:0:0:0:0:0:0:1\n"), text);
        var decoded = assertInstanceOf(Decoded.Ok.class, MessageFile.parseHeader(t.bytes(), t.bytes().length));
        MessageFile.Header h = (MessageFile.Header) decoded.value();
        assertEquals(Optional.of(InetAddress.getByName("fe80::1")), h.message().origin().clientAddress());
    }
}
