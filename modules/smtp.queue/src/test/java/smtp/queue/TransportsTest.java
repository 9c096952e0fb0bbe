package smtp.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportsTest {

    /** A provided transport (registered in META-INF/services for the class path). */
    public static final class Echo implements Transport {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public List<DeliveryOutcome> deliver(Delivery d) {
            return d.recipients().stream().<DeliveryOutcome>map(r -> new DeliveryOutcome.Delivered(
                    DeliveryOutcome.Handoff.LOCAL_DELIVERY, Diagnostic.local(250, "2.0.0", "echoed"))).toList();
        }
    }

    @Test
    void providedTransportsAreFoundByName() {
        assertEquals("echo", Transports.find("echo").orElseThrow().name());
        assertTrue(Transports.find("maildir-not-installed").isEmpty());
    }
}
