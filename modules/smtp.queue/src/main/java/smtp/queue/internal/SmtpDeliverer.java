package smtp.queue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import smtp.dns.DnsResult;
import smtp.dns.MxHost;
import smtp.dns.MxResolver;
import smtp.dns.MxRoute;
import smtp.dns.Resolver;
import smtp.queue.Delivery;
import smtp.queue.DeliveryConfig;
import smtp.queue.DeliveryOutcome;
import smtp.queue.Diagnostic;
import smtp.queue.Envelope;
import smtp.queue.QueuedMessage;
import smtp.queue.Recipient;
import smtp.queue.RelayHost;
import smtp.session.ClientConfig;
import smtp.session.ClientSession;
import smtp.session.DeliveryResult;
import smtp.session.MessageBody;
import smtp.session.OutboundMessage;
import smtp.session.RecipientResult;
import smtp.session.Stage;
import smtp.session.TlsPolicy;
import smtp.wire.Path;

/**
 * Delivers one {@link Delivery} over SMTP: finds the hosts (MX routing, or the smart host),
 * then tries them in order with the {@link ClientSession} state machine until every recipient
 * is delivered or failed permanently, or the addresses run out.
 *
 * <h2>Standards</h2>
 * RFC 5321 §5.1 ("the SMTP client SHOULD try at least two addresses"; on a 4yz or a failed
 * connection the next host is tried), §4.5.4.1 (hosts that cannot be reached are remembered;
 * when no host of the destination accepted a session, the deferral says so,
 * {@link DeliveryOutcome.Deferred#destinationDown()}, and the queue holds the destination back);
 * RFC 7505 §4.1 (null MX: a permanent failure, 5.1.10); RFC 3461 §5.2.1–§5.2.2 (whether the next
 * hop took over DSN duty: {@link DeliveryResult#dsnSupported()}).
 */
public final class SmtpDeliverer {

    /** One address to try. */
    private record Target(String host, InetAddress address, int port) {
    }

    /** The hosts, or the outcome that makes trying pointless. */
    private sealed interface Targets permits Targets.Found, Targets.Decided {
        record Found(List<Target> targets) implements Targets {
        }

        record Decided(DeliveryOutcome outcome) implements Targets {
        }
    }

    private final DeliveryConfig config;
    private final MxResolver mx;
    private final Resolver resolver;
    private final SSLContext opportunistic;
    private final SSLContext verifying;
    private final UnreachableHosts unreachable;

    public SmtpDeliverer(DeliveryConfig config, MxResolver mx, Resolver resolver, SSLContext verifying) {
        this.config = config;
        this.mx = mx;
        this.resolver = resolver;
        this.opportunistic = TrustAll.context();
        this.verifying = verifying;
        this.unreachable = new UnreachableHosts(config.unreachableBackoff());
    }

    public List<DeliveryOutcome> deliver(Delivery d) {
        int n = d.recipients().size();
        DeliveryOutcome[] outcomes = new DeliveryOutcome[n];
        Diagnostic[] last = new Diagnostic[n];
        Targets targets = targets(d.destination());
        if (targets instanceof Targets.Decided decided) {
            Arrays.fill(outcomes, decided.outcome());
            return List.of(outcomes);
        }
        List<Target> list = ((Targets.Found) targets).targets();
        // Whether some host of the destination accepted a session at all (RFC 5321 §4.5.4.1).
        boolean sessionAccepted = false;
        for (Target t : list) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (outcomes[i] == null) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            if (unreachable.isDown(t.address(), t.port())) {
                for (int i : open) {
                    last[i] = Diagnostic.local(t.host(), 451, "4.4.1",
                            "host " + t.host() + "[" + t.address().getHostAddress() + "] recently unreachable, not tried");
                }
                continue;
            }
            List<Recipient> rcpts = open.stream().map(i -> d.recipients().get(i)).toList();
            OutboundMessage message = outbound(d, rcpts);
            boolean tlsRequired = config.tls() == TlsPolicy.REQUIRED;
            ClientConnection c = new ClientConnection(t.address(), t.port(), t.host(), config.connectTimeout(),
                    config.timeouts().dataBlock(), tlsRequired ? verifying : opportunistic, tlsRequired);
            ClientSession session = new ClientSession(clientConfig(), List.of(message));
            List<DeliveryResult> results = c.run(session, List.of(message));
            if (c.connected()) {
                unreachable.markUp(t.address(), t.port());
            } else {
                unreachable.markDown(t.address(), t.port());
            }
            DeliveryResult r = results.get(0);
            sessionAccepted |= c.connected() && !refusedSession(r);
            for (int k = 0; k < open.size(); k++) {
                int i = open.get(k);
                RecipientResult rr = r.recipients().get(k);
                Diagnostic diag = new Diagnostic(rr.reply(), Optional.of(t.host()), rr.remote());
                switch (rr) {
                    case RecipientResult.Delivered x -> outcomes[i] = new DeliveryOutcome.Delivered(r.dsnSupported()
                            ? DeliveryOutcome.Handoff.RELAY_CONFORMING : DeliveryOutcome.Handoff.RELAY_NON_CONFORMING, diag);
                    case RecipientResult.PermanentFailure x -> outcomes[i] = new DeliveryOutcome.Failed(diag);
                    // RFC 5321 §5.1: a temporary failure at one host: try the next one now, the queue later.
                    case RecipientResult.TemporaryFailure x -> last[i] = diag;
                }
            }
        }
        boolean destinationDown = !list.isEmpty() && !sessionAccepted;
        for (int i = 0; i < n; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new DeliveryOutcome.Deferred(last[i] != null ? last[i]
                        : Diagnostic.local(451, "4.4.1", "no host could be tried"), destinationDown);
            }
        }
        return List.of(outcomes);
    }

    /**
     * True when the host would not hold a mail transaction at all: every recipient failed
     * temporarily before MAIL (the connection lost or timed out before the greeting, a 4yz
     * greeting such as 421, a 4yz to EHLO), or the server closed the channel with 421 (RFC 5321
     * §4.2.3: "Service not available, closing transmission channel"). Such a failure is the
     * destination's, not the message's.
     */
    private static boolean refusedSession(DeliveryResult r) {
        return r.recipients().stream().allMatch(rr -> rr instanceof RecipientResult.TemporaryFailure tf
                && (tf.stage() == Stage.CONNECT || tf.stage() == Stage.GREETING || tf.stage() == Stage.HELLO
                || (tf.remote() && tf.reply().code() == 421)));
    }

    private ClientConfig clientConfig() {
        ClientConfig c = ClientConfig.defaults(config.heloName()).withTls(config.tls())
                .withPipelining(config.pipelining()).withChunking(config.chunking())
                .withTimeouts(config.timeouts());
        Optional<smtp.session.ClientCredentials> creds = config.relay().flatMap(RelayHost::credentials);
        return creds.isPresent() ? c.withCredentials(creds.get()) : c;
    }

    private Targets targets(String destination) {
        if (config.relay().isPresent()) {
            return relayTargets(config.relay().get());
        }
        MxRoute route = mx.route(destination);
        return switch (route) {
            case MxRoute.Hosts h -> {
                List<Target> list = new ArrayList<>();
                for (MxHost host : h.hosts()) {
                    for (InetAddress a : host.addresses()) {
                        if (list.size() < config.maxAddresses()) {
                            list.add(new Target(host.name(), a, config.port()));
                        }
                    }
                }
                yield new Targets.Found(list);
            }
            // RFC 7505 §4.1: no delivery is attempted to a domain with a null MX; it fails at once
            // with reply code 556 (RFC 7504: "Domain does not accept mail") and status 5.1.10.
            case MxRoute.NullMx n -> decided(556, "5.1.10", "domain " + destination + " accepts no mail (null MX)");
            case MxRoute.NoSuchDomain n -> decided(550, "5.1.2", "domain " + destination + " does not exist");
            case MxRoute.NoMailHosts n -> decided(550, "5.1.2", "domain " + destination + " has no mail hosts");
            // RFC 5321 §5.1: this host is the best MX: a configuration error; 5.4.6 (routing loop).
            case MxRoute.Loop l -> decided(550, "5.4.6", "mail for " + destination + " loops back to this host");
            // A DNS failure is temporary: never a bounce (RFC 5321 §5.1).
            case MxRoute.TempFail t -> new Targets.Decided(new DeliveryOutcome.Deferred(
                    Diagnostic.local(451, "4.4.3", "DNS lookup for " + destination + " failed: " + t.reason())));
        };
    }

    private static Targets decided(int code, String status, String text) {
        return new Targets.Decided(new DeliveryOutcome.Failed(Diagnostic.local(code, status, text)));
    }

    private Targets relayTargets(RelayHost relay) {
        String host = relay.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            MxRoute r = mx.route(host);
            if (r instanceof MxRoute.Hosts h && !h.hosts().isEmpty()) {
                return new Targets.Found(h.hosts().get(0).addresses().stream()
                        .map(a -> new Target(host, a, relay.port())).toList());
            }
            return new Targets.Decided(new DeliveryOutcome.Deferred(Diagnostic.local(451, "4.4.3", "bad relay host " + host)));
        }
        // RFC 5321 §5.1: "the SMTP client SHOULD try at least two addresses"; a temporary failure
        // of one address family (an AAAA lookup that SERVFAILs) must not hide the other: every
        // family is looked up, failures are noted, and the delivery waits only if no address was found.
        List<Target> list = new ArrayList<>();
        String failure = null;
        for (DnsResult<InetAddress> res : List.of(resolver.aaaa(host), resolver.a(host))) {
            if (res instanceof DnsResult.TempFail<InetAddress> t) {
                failure = failure == null ? t.reason() : failure;
                continue;
            }
            res.recordsOrEmpty().forEach(a -> list.add(new Target(host, a, relay.port())));
        }
        if (list.isEmpty()) {
            // A misconfigured or unresolvable relay must not bounce the mail: keep it and retry
            // (the operator can fix it; DNS trouble passes).
            return new Targets.Decided(new DeliveryOutcome.Deferred(Diagnostic.local(451, "4.4.3", failure != null
                    ? "DNS lookup for relay " + host + " failed: " + failure
                    : "relay host " + host + " has no address")));
        }
        return new Targets.Found(list);
    }

    private OutboundMessage outbound(Delivery d, List<Recipient> rcpts) {
        QueuedMessage m = d.message();
        Envelope e = m.envelope();
        List<smtp.session.Recipient> list = rcpts.stream()
                .map(r -> new smtp.session.Recipient(Path.of(r.mailbox()), r.notifyOn(), r.orcpt())).toList();
        smtp.session.Origin origin = new smtp.session.Origin(config.heloName(), true,
                m.origin().clientAddress().orElse(InetAddress.getLoopbackAddress()), Optional.empty(),
                m.origin().authenticatedIdentity());
        smtp.session.Envelope env = new smtp.session.Envelope(e.reversePath(), list, e.ret(), e.envelopeId(), e.body(),
                e.smtpUtf8(), OptionalLong.of(m.size()), Optional.empty(), origin);
        MessageBody body = new MessageBody() {
            @Override
            public long size() {
                return m.size();
            }

            @Override
            public InputStream open() throws IOException {
                return d.content().open();
            }
        };
        return new OutboundMessage(env, body);
    }
}
