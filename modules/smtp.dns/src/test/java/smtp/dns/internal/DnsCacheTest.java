package smtp.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.dns.DnsResult;
import smtp.dns.RecordType;

class DnsCacheTest {

    final AtomicLong now = new AtomicLong(1_000);

    @Test
    @Tag("2308-5")
    void anAnswerIsKeptForItsTtlAndNotASecondLonger_rfc2308_5() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("a.example", RecordType.TXT, new DnsResult.Records<>(List.of("x"), false), 30);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(List.of("x"), cache.<String>get("a.example", RecordType.TXT).orElseThrow().recordsOrEmpty());
        assertTrue(cache.get("a.example", RecordType.MX).isEmpty(), "per type");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(cache.get("a.example", RecordType.TXT).isEmpty());
        assertEquals(0, cache.size(), "an expired answer is dropped when asked for");
    }

    @Test
    @Tag("2308-5")
    void negativeAnswersAreKeptAtMostThreeHoursPositiveAtMostADay_rfc2308_5() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("nx.example", RecordType.A, new DnsResult.NxDomain<>(false), 7 * 86400);
        cache.put("ok.example", RecordType.A, new DnsResult.Records<>(List.of("x"), false), 7 * 86400);
        now.addAndGet(DnsCache.MAX_NEGATIVE.toNanos() - 1);
        assertTrue(cache.get("nx.example", RecordType.A).isPresent());
        now.addAndGet(1);
        assertTrue(cache.get("nx.example", RecordType.A).isEmpty());
        now.addAndGet(DnsCache.MAX_POSITIVE.minus(DnsCache.MAX_NEGATIVE).toNanos());
        assertTrue(cache.get("ok.example", RecordType.A).isEmpty());
    }

    @Test
    @Tag("2308-5")
    void failuresAndZeroTtlsAreNotCached_rfc2308_7() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("f.example", RecordType.A, new DnsResult.TempFail<>("SERVFAIL"), 300);
        cache.put("z.example", RecordType.A, new DnsResult.NoData<>(false), 0);
        assertEquals(0, cache.size());
        DnsCache off = new DnsCache(0, now::get);
        off.put("a.example", RecordType.A, new DnsResult.NoData<>(false), 300);
        assertTrue(off.get("a.example", RecordType.A).isEmpty());
    }

    @Test
    @Tag("2308-5")
    void theLeastRecentlyUsedAnswerGoesWhenTheBoundIsReached() {
        DnsCache cache = new DnsCache(2, now::get);
        cache.put("1.example", RecordType.A, new DnsResult.NoData<>(false), 300);
        cache.put("2.example", RecordType.A, new DnsResult.NoData<>(false), 300);
        cache.get("1.example", RecordType.A); // 2 is now the least recently used
        cache.put("3.example", RecordType.A, new DnsResult.NoData<>(false), 300);
        assertEquals(2, cache.size());
        assertTrue(cache.get("1.example", RecordType.A).isPresent());
        assertTrue(cache.get("2.example", RecordType.A).isEmpty());
        assertTrue(cache.get("3.example", RecordType.A).isPresent());
    }
}
