package smtp.dns.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import smtp.dns.MxRecord;
import smtp.dns.RecordType;

/**
 * Reads master files (zone files) with dnsjava's own parser into a {@link ZoneIndex.Builder}.
 *
 * <h2>Standards</h2>
 * RFC 1035 §5 (master file format: {@code $ORIGIN}, {@code $TTL}, {@code $INCLUDE}, relative
 * names, {@code @}), RFC 2308 §4 ({@code $TTL}).
 *
 * <h2>Diagnostics</h2>
 * A syntax error is an {@link IOException} (dnsjava's {@link TextParseException}) naming the line.
 * Types other than A, AAAA, MX, TXT, PTR and CNAME (SOA, NS, SPF, ...) make their owner name
 * exist, so that queries of the served types there answer NODATA.
 */
public final class ZoneFiles {

    private ZoneFiles() {
    }

    /** Loads a zone file ({@code $INCLUDE} allowed, its path resolved by dnsjava's {@link Master}). */
    public static void load(Path file, String origin, ZoneIndex.Builder into) throws IOException {
        try (Master master = new Master(file.toString(), originName(origin), 3600)) {
            load(master, into);
        }
    }

    /** Loads zone text ({@code $INCLUDE} refused: text from a test has no directory of its own). */
    public static void load(String text, String origin, ZoneIndex.Builder into) throws IOException {
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                originName(origin), 3600)) {
            master.disableIncludes(true);
            load(master, into);
        }
    }

    private static void load(Master master, ZoneIndex.Builder into) throws IOException {
        for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
            String owner = DnsNames.text(r.getName());
            switch (r) {
                case ARecord a -> into.add(owner, RecordType.A, DnsNames.address(owner, a.rdataToWireCanonical()));
                case AAAARecord a -> into.add(owner, RecordType.AAAA, DnsNames.address(owner, a.rdataToWireCanonical()));
                case MXRecord mx -> into.add(owner, RecordType.MX,
                        new MxRecord(mx.getPriority(), DnsNames.text(mx.getTarget())));
                case TXTRecord txt -> into.add(owner, RecordType.TXT, TxtStrings.concatenate(txt.getStringsAsByteArrays()));
                case PTRRecord ptr -> into.add(owner, RecordType.PTR, DnsNames.text(ptr.getTarget()));
                case CNAMERecord cname -> into.add(owner, RecordType.CNAME, DnsNames.text(cname.getTarget()));
                default -> into.exists(owner);
            }
        }
    }

    private static Name originName(String origin) throws TextParseException {
        String o = origin.endsWith(".") ? origin : origin + ".";
        return Name.fromString(o);
    }
}
