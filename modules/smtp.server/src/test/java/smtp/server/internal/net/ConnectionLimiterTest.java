package smtp.server.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import smtp.server.Network;

/** Connection limits in total and per address; relay.networks are exempt from the per-address one. */
class ConnectionLimiterTest {

    @Test
    @Tag("5321-4.5.3.2-server")
    void limitsInTotalAndPerAddress() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(5, 2, List.of(Network.parse("10.0.0.0/8").orElseThrow()));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress trusted = InetAddress.getByName("10.1.1.1");
        List<ConnectionLimiter.Permit> held = new ArrayList<>();
        held.add(l.acquire(a));
        held.add(l.acquire(a));
        ConnectionLimiter.Permit third = l.acquire(a);
        assertTrue(third.refusal().orElseThrow().contains("192.0.2.1"));
        held.add(l.acquire(trusted));
        held.add(l.acquire(trusted));
        held.add(l.acquire(trusted));
        assertTrue(held.stream().allMatch(p -> p.refusal().isEmpty()), "trusted clients are not limited per address");
        assertTrue(l.acquire(b).refusal().orElseThrow().contains("too many connections (5)"));
        held.get(0).release();
        held.get(0).release();
        assertEquals(4, l.open(), "a permit is released once");
        assertTrue(l.acquire(a).refusal().isEmpty());
        third.release();
        assertEquals(5, l.open(), "a refused permit holds nothing");
    }
}
