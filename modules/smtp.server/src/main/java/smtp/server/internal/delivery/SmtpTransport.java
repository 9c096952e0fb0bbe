package smtp.server.internal.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import smtp.dns.MxHost;
import smtp.dns.MxResolver;
import smtp.dns.MxRoute;
import smtp.queue.Delivery;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.Transport;
import smtp.server.HostPort;
import smtp.session.ClientConfig;
import smtp.session.DeliveryResult;
import smtp.session.Envelope;
import smtp.session.MessageBody;
import smtp.session.Origin;
import smtp.session.OutboundMessage;
import smtp.session.RecipientResult;
import smtp.session.Stage;
import smtp.wire.Domain;
import smtp.wire.Path;

/**
 * The remote transport: SMTP to the destination's MX hosts (or to the configured smart host),
 * with the {@code smtp.session} client.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5.1: the hosts of the MX records in order of preference (implicit MX, null MX,
 * loops: {@link MxResolver}); "the SMTP client SHOULD try at least two addresses" and moves on
 * to the next host after a connection failure or a temporary failure before the message was
 * sent; RFC 7505 §4.1 (null MX: 556 5.1.10); RFC 5321 §4.5.4.1 (one transaction per
 * destination, the queue groups recipients). RFC 3461 §5.2: the handoff to a server that
 * offers DSN or not decides the "relayed" notification.
 *
 * <h2>Diagnostics</h2>
 * Never throws for what remote hosts or DNS do: each recipient gets an outcome; a temporary
 * DNS failure defers (4.4.3), never bounces.
 */
public final class SmtpTransport implements Transport {

    private final MxResolver mx;
    private final ClientConfig config;
    private final int port;
    private final Optional<HostPort> relay;
    private final SmtpConnection connection;
    private final Domain hostname;

    /**
     * @param mx         MX resolution
     * @param config     the client configuration (EHLO name, TLS policy, credentials for the relay)
     * @param port       the remote port ({@code delivery.port})
     * @param relay      the smart host, when all mail goes through one
     * @param connection how to connect
     * @param hostname   this host's name
     */
    public SmtpTransport(MxResolver mx, ClientConfig config, int port, Optional<HostPort> relay,
                         SmtpConnection connection, Domain hostname) {
        this.mx = mx;
        this.config = config;
        this.port = port;
        this.relay = relay;
        this.connection = connection;
        this.hostname = hostname;
    }

    /** A transport with the opportunistic TLS client and a 30 s connect timeout. */
    public static SmtpTransport create(MxResolver mx, ClientConfig config, int port, Optional<HostPort> relay, Domain hostname) {
        return new SmtpTransport(mx, config, port, relay,
                new SmtpConnection(smtp.server.internal.tls.TlsContexts.opportunisticClient(), java.time.Duration.ofSeconds(30)),
                hostname);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<DeliveryOutcome> deliver(Delivery delivery) throws IOException {
        List<Recipient> rcpts = delivery.recipients();
        DeliveryOutcome[] outcomes = new DeliveryOutcome[rcpts.size()];
        List<Target> targets = new ArrayList<>();
        Optional<DeliveryOutcome> routeFailure = route(delivery.destination(), targets);
        if (routeFailure.isPresent()) {
            Arrays.fill(outcomes, routeFailure.get());
            return List.of(outcomes);
        }
        Diagnostic last = Diagnostic.local(451, "4.4.1", "no address to connect to for " + delivery.destination());
        for (Target t : targets) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < rcpts.size(); i++) {
                if (outcomes[i] == null) {
                    pending.add(i);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            String relayName = t.name + "[" + t.address.getAddress().getHostAddress() + "]:" + t.address.getPort();
            OutboundMessage message = outbound(delivery, pending.stream().map(rcpts::get).toList());
            List<DeliveryResult> results = connection.send(t.address, t.name, config, List.of(message));
            DeliveryResult r = results.get(0);
            for (int k = 0; k < pending.size(); k++) {
                RecipientResult rr = r.recipients().get(k);
                int i = pending.get(k);
                Diagnostic d = rr.remote() ? Diagnostic.remote(relayName, rr.reply())
                        : new Diagnostic(rr.reply(), Optional.of(relayName), false);
                switch (rr) {
                    case RecipientResult.Delivered x -> outcomes[i] = new DeliveryOutcome.Delivered(
                            r.dsnSupported() ? DeliveryOutcome.Handoff.RELAY_CONFORMING : DeliveryOutcome.Handoff.RELAY_NON_CONFORMING, d);
                    case RecipientResult.PermanentFailure x -> outcomes[i] = new DeliveryOutcome.Failed(d);
                    case RecipientResult.TemporaryFailure x -> {
                        // RFC 5321 §5.1: after a temporary failure before the message was sent, try
                        // the next host; once the data went out, a repeat could duplicate it.
                        last = d;
                        if (x.stage() == Stage.MESSAGE) {
                            outcomes[i] = new DeliveryOutcome.Deferred(d);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new DeliveryOutcome.Deferred(last);
            }
        }
        return List.of(outcomes);
    }

    private record Target(String name, InetSocketAddress address) {
    }

    /** Fills {@code targets}, or returns the outcome for every recipient when there is nowhere to go. */
    private Optional<DeliveryOutcome> route(String destination, List<Target> targets) {
        if (relay.isPresent()) {
            HostPort h = relay.get();
            try {
                for (InetAddress a : InetAddress.getAllByName(h.host())) {
                    targets.add(new Target(h.host(), new InetSocketAddress(a, h.port())));
                }
            } catch (UnknownHostException e) {
                return Optional.of(new DeliveryOutcome.Deferred(
                        Diagnostic.local(451, "4.4.3", "relay host " + h.host() + " not found: " + e.getMessage())));
            }
            return Optional.empty();
        }
        MxRoute route = mx.route(destination);
        return switch (route) {
            case MxRoute.Hosts hosts -> {
                for (MxHost host : hosts.hosts()) {
                    for (InetAddress a : host.addresses()) {
                        targets.add(new Target(host.name(), new InetSocketAddress(a, port)));
                    }
                }
                yield Optional.empty();
            }
            // RFC 7505 §4.1: "SMTP clients ... SHOULD NOT attempt delivery ... 556 5.1.10"
            case MxRoute.NullMx n -> failed(556, "5.1.10", destination + " accepts no mail (null MX, RFC 7505)");
            case MxRoute.NoSuchDomain n -> failed(550, "5.1.2", destination + ": domain not found");
            case MxRoute.NoMailHosts n -> failed(550, "5.1.2", destination + ": no mail hosts (no MX, A or AAAA records)");
            case MxRoute.Loop l -> failed(554, "5.4.6", "mail for " + destination + " loops back to myself (" + hostname + ")");
            case MxRoute.TempFail t -> Optional.of(new DeliveryOutcome.Deferred(
                    Diagnostic.local(451, "4.4.3", "DNS lookup for " + destination + " failed temporarily: " + t.reason())));
        };
    }

    private static Optional<DeliveryOutcome> failed(int code, String status, String text) {
        return Optional.of(new DeliveryOutcome.Failed(Diagnostic.local(code, status, text)));
    }

    private OutboundMessage outbound(Delivery delivery, List<Recipient> rcpts) {
        QueuedMessage m = delivery.message();
        smtp.queue.Envelope q = m.envelope();
        List<smtp.session.Recipient> recipients = rcpts.stream()
                .map(r -> new smtp.session.Recipient(Path.of(r.mailbox()), r.notifyOn(), r.orcpt())).toList();
        InetAddress client = m.origin().clientAddress().orElse(InetAddress.getLoopbackAddress());
        Origin origin = new Origin(hostname, true, client, Optional.empty(), m.origin().authenticatedIdentity());
        Envelope envelope = new Envelope(q.reversePath(), recipients, q.ret(), q.envelopeId(), q.body(), q.smtpUtf8(),
                OptionalLong.empty(), Optional.empty(), origin);
        long size = m.size();
        MessageBody body = new MessageBody() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return delivery.content().open();
            }
        };
        return new OutboundMessage(envelope, body);
    }
}
