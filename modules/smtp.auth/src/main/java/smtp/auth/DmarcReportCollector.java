package smtp.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records DMARC evaluations and turns them into aggregate reports per reporting domain and
 * period, RFC 7489 §7.2. Identical rows are counted, not stored twice, so memory grows with the
 * number of distinct (source, identifiers, results) combinations, not with the mail volume.
 * Nothing is sent: the caller decides what to do with {@link DmarcAggregateReport#toXml()},
 * and must never mail reports to arbitrary {@code rua} addresses (§7.1 external destination
 * verification is a later step).
 *
 * <p>Thread-safe.
 *
 * <h2>Standards</h2>
 * RFC 7489 §7.2 (aggregate reports), §7.2.1.1 ("Aggregate reports ... SHOULD ... cover ... UTC
 * day boundaries": periods here start at UTC midnight and last {@code period}).
 */
public final class DmarcReportCollector {

    private final DmarcReporter reporter;
    private final Duration period;
    private final Map<Key, Bucket> buckets = new HashMap<>();
    private long sequence;

    /** One reporting domain in one period. */
    private record Key(String policyDomain, long periodStart) {
    }

    /** The rows (with counts) and the latest published record of one key. */
    private static final class Bucket {
        final Map<DmarcReportRow, Long> rows = new LinkedHashMap<>();
        DmarcRecord policy;
    }

    /**
     * @param reporter who reports
     * @param period   the reporting period (a divisor of a day is best; RFC default 86400 s)
     */
    public DmarcReportCollector(DmarcReporter reporter, Duration period) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.period = Objects.requireNonNull(period, "period");
        if (period.toSeconds() < 60) {
            throw new IllegalArgumentException("period of at least a minute");
        }
    }

    /**
     * Records one evaluated message. Messages without a usable policy record (results none,
     * temperror and permerror) are not reportable and are ignored; returns whether it was recorded.
     */
    public boolean record(DmarcEvaluation e, InetAddress source, Optional<String> envelopeTo, Instant when) {
        if (e.record().isEmpty() || e.policyDomain().isEmpty()) {
            return false;
        }
        DmarcReportRow row = new DmarcReportRow(source.getHostAddress(), 1, e.disposition(), e.dkimAligned(),
                e.spfAligned(), e.sampledOut(), envelopeTo, e.fromDomain(), e.dkim(), e.spf());
        long seconds = period.toSeconds();
        long start = Math.floorDiv(when.getEpochSecond(), seconds) * seconds;
        synchronized (buckets) {
            Bucket b = buckets.computeIfAbsent(new Key(e.policyDomain().get(), start), k -> new Bucket());
            b.rows.merge(row, 1L, Long::sum);
            b.policy = e.record().get();
        }
        return true;
    }

    /**
     * Removes and returns the reports of every period that ended at or before {@code now}, one
     * per reporting domain and period, ordered by period then domain.
     */
    public List<DmarcAggregateReport> drainCompleted(Instant now) {
        List<DmarcAggregateReport> out = new ArrayList<>();
        long seconds = period.toSeconds();
        synchronized (buckets) {
            List<Key> done = buckets.keySet().stream().filter(k -> k.periodStart() + seconds <= now.getEpochSecond())
                    .sorted((a, b) -> a.periodStart() != b.periodStart() ? Long.compare(a.periodStart(), b.periodStart())
                            : a.policyDomain().compareTo(b.policyDomain()))
                    .toList();
            for (Key k : done) {
                Bucket b = buckets.remove(k);
                List<DmarcReportRow> rows = new ArrayList<>();
                b.rows.forEach((row, n) -> rows.add(row.withCount(n)));
                String id = k.policyDomain() + "." + k.periodStart() + "." + (++sequence);
                out.add(new DmarcAggregateReport(reporter, id, Instant.ofEpochSecond(k.periodStart()),
                        Instant.ofEpochSecond(k.periodStart() + seconds), k.policyDomain(), b.policy, rows));
            }
        }
        return out;
    }
}
