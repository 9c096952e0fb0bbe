package smtp.server.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Failed AUTH per client address: counted across connections, forgotten over time, bounded. */
class AuthFailuresTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    @Tag("4954-4-tarpit-server")
    void failuresAreCountedPerAddressAcrossConnections_rfc4954_4() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(10, 10, List.of());
        InetAddress a = InetAddress.getByName("192.0.2.1");
        ConnectionLimiter.Permit first = l.acquire(a);
        assertEquals(1, first.authFailed());
        assertEquals(2, first.authFailed());
        first.release();
        ConnectionLimiter.Permit again = l.acquire(a);
        assertEquals(3, again.authFailed(), "reconnecting does not start over");
        assertEquals(1, l.acquire(InetAddress.getByName("192.0.2.2")).authFailed(), "another address has its own count");
    }

    @Test
    @Tag("4954-4-tarpit-server")
    void oneFailureIsForgottenPerDecayInterval() throws Exception {
        AtomicLong now = new AtomicLong(5);
        AuthFailures f = new AuthFailures(100, Duration.ofMinutes(1), now::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, f.failed(a));
        }
        now.addAndGet(2 * MINUTE + 1);
        assertEquals(3, f.failures(a));
        assertEquals(4, f.failed(a), "counting goes on from what is left");
        now.addAndGet(10 * MINUTE);
        assertEquals(0, f.failures(a));
        assertEquals(1, f.failed(a));
    }

    @Test
    @Tag("4954-4-tarpit-server")
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        AuthFailures f = new AuthFailures(100, Duration.ofMinutes(1), () -> 0L);
        assertEquals(1, f.failed(InetAddress.getByName("2001:db8:1:2::1")));
        assertEquals(2, f.failed(InetAddress.getByName("2001:db8:1:2:ffff::9")), "the same /64");
        assertEquals(1, f.failed(InetAddress.getByName("2001:db8:1:3::1")), "another /64");
        assertEquals(InetAddress.getByName("192.0.2.7"), AuthFailures.key(InetAddress.getByName("192.0.2.7")));
    }

    @Test
    @Tag("4954-4-tarpit-server")
    void theMapIsBoundedAndDropsTheOldestFirst() throws Exception {
        AtomicLong now = new AtomicLong();
        AuthFailures f = new AuthFailures(3, Duration.ofMinutes(1), now::get);
        InetAddress old = InetAddress.getByName("192.0.2.1");
        f.failed(old);
        f.failed(old);
        for (int i = 2; i <= 40; i++) {
            now.addAndGet(1000);
            f.failed(InetAddress.getByName("192.0.2." + i));
            assertTrue(f.size() <= 3, "at most 3 addresses: " + f.size());
        }
        assertEquals(0, f.failures(old), "the oldest entry was dropped when the map was full");
        assertEquals(1, f.failures(InetAddress.getByName("192.0.2.40")));
    }
}
