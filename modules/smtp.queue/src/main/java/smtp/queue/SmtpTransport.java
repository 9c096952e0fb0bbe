package smtp.queue;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import smtp.dns.MxResolver;
import smtp.dns.Resolver;
import smtp.queue.internal.SmtpDeliverer;

/**
 * The built-in remote transport: SMTP to the MX hosts of each recipient domain (RFC 5321
 * §5.1), or to a smart host, driving the {@code smtp.session} client state machine over a
 * socket on the delivery's virtual thread. Opportunistic STARTTLS, PIPELINING, SIZE, the
 * 8BITMIME/SMTPUTF8 checks, BDAT and AUTH are the session's; host order, fall-through to the
 * next MX on a temporary failure and the unreachable-host list are this transport's.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5.1, §4.5.4.1, §6.1; RFC 7505 §4.1; RFC 3461 §5.2.1–§5.2.2; RFC 3207 §4.1.
 */
public final class SmtpTransport implements Transport {

    private final SmtpDeliverer deliverer;

    private SmtpTransport(SmtpDeliverer deliverer) {
        this.deliverer = deliverer;
    }

    /**
     * A transport with {@code config}, routing through {@code mx} and resolving a smart host's
     * addresses with {@code resolver}. Required TLS verifies certificates with the JDK's default
     * trust store.
     */
    public static SmtpTransport create(DeliveryConfig config, MxResolver mx, Resolver resolver) {
        try {
            return create(config, mx, resolver, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** The same, verifying certificates of servers that must use TLS with {@code verifying}. */
    public static SmtpTransport create(DeliveryConfig config, MxResolver mx, Resolver resolver, SSLContext verifying) {
        return create(config, mx, resolver, verifying, Clock.systemUTC());
    }

    /**
     * The same, keeping the time of its list of unreachable hosts
     * ({@link DeliveryConfig#unreachableBackoff()}) with {@code clock}: give it the queue's clock
     * so that both agree (tests use a settable one).
     */
    public static SmtpTransport create(DeliveryConfig config, MxResolver mx, Resolver resolver, SSLContext verifying,
                                       Clock clock) {
        return new SmtpTransport(new SmtpDeliverer(config, mx, resolver, verifying, clock));
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<DeliveryOutcome> deliver(Delivery delivery) {
        return deliverer.deliver(delivery);
    }
}
