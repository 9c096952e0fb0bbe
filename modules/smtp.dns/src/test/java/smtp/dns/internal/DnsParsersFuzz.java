package smtp.dns.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import smtp.dns.DnsConfig;
import smtp.dns.RecordType;

/** Every parser of outside text or octets in smtp.dns: none throws anything but its documented result. */
class DnsParsersFuzz {

    @FuzzTest(maxDuration = "10s")
    void canonicalNamesNeverThrow(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        Optional<String> c = DnsNames.canonical(s);
        if (c.isPresent() && !DnsNames.canonical(c.get()).equals(c)) {
            throw new AssertionError("canonical is not idempotent for " + s);
        }
        c.ifPresent(DnsNames::toName);
    }

    @FuzzTest(maxDuration = "10s")
    void addressLiteralsNeverThrow(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        AddressLiterals.parse(s);
        AddressLiterals.parse("[" + s + "]");
        AddressLiterals.parse("[IPv6:" + s + "]");
        AddressLiterals.looksLikeAddress(s);
    }

    @FuzzTest(maxDuration = "10s")
    void serverListsThrowOnlyIllegalArgument(byte[] input) {
        try {
            DnsConfig.parseServers(new String(input, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException expected) {
            // the documented rejection
        }
    }

    @FuzzTest(maxDuration = "10s")
    void responsesFromTheWireNeverThrowPastTheReader(byte[] input) {
        org.xbill.DNS.Message m;
        try {
            m = new org.xbill.DNS.Message(input);
        } catch (java.io.IOException malformed) {
            return; // dnsjava refuses it; the client reports that as a failure
        }
        org.xbill.DNS.Name q = m.getQuestion() != null ? m.getQuestion().getName() : org.xbill.DNS.Name.root;
        for (RecordType t : RecordType.values()) {
            AnswerReader.read(m, q, t, ZoneIndex.MAX_CNAME_CHAIN);
        }
    }
}
