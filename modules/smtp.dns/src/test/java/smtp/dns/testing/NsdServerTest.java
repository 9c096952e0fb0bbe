package smtp.dns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import smtp.dns.DnsResult;
import smtp.dns.MxRecord;
import smtp.dns.Resolver;

/** The fixture other modules rely on: zones from text, a clear error for a bad zone, nothing left behind. */
class NsdServerTest {

    @Test
    void servesZoneTextWithoutSoaAndStopsCleanly() throws Exception {
        NsdServer nsd = NsdServer.builder()
                .zone("fixture.test", """
                        @       MX  10 mx.fixture.test.
                        mx      A   127.0.0.1
                        _dmarc  TXT "v=DMARC1; p=none"
                        """)
                .start();
        ProcessHandle nsdProcess;
        try {
            Resolver dns = nsd.resolver();
            assertEquals(List.of(new MxRecord(10, "mx.fixture.test")), dns.mx("fixture.test").recordsOrEmpty());
            assertEquals(List.of("v=DMARC1; p=none"), dns.txt("_dmarc.fixture.test").recordsOrEmpty());
            assertTrue(nsd.port() > 0 && nsd.address().getAddress().isLoopbackAddress());
            nsdProcess = nsd.process();
            assertTrue(nsdProcess.isAlive());
        } finally {
            nsd.close();
        }
        assertFalse(nsdProcess.isAlive(), "NSD is stopped");
        assertTrue(nsd.resolver().mx("fixture.test") instanceof DnsResult.TempFail<MxRecord>, "nothing answers any more");
    }

    @Test
    void aZoneThatDoesNotLoadIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NsdServer.builder().zone("bad.test", "www IN A 300.1.2.3\n").start());
        assertTrue(e.getMessage().contains("bad.test"), e.getMessage());
    }
}
