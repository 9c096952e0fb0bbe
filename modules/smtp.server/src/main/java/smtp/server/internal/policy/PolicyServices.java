package smtp.server.internal.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import smtp.auth.DkimSigner;
import smtp.server.ServerSettings;
import smtp.wire.HeaderSection;

/**
 * What every connection's {@link MtaPolicy} shares: the settings and the checks, all
 * thread-safe.
 *
 * @param settings the configuration
 * @param relay    recipient decisions
 * @param sender   submission sender decisions
 * @param inbound  SPF, DKIM and DMARC of inbound mail
 * @param signers  DKIM signers by canonical local domain
 */
public record PolicyServices(ServerSettings settings, RelayControl relay, SenderControl sender, InboundChecks inbound,
                             Map<String, DkimSigner> signers) {

    public PolicyServices {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(inbound, "inbound");
        signers = Map.copyOf(signers);
    }

    /**
     * The signer for a submitted message: the one of its From: domain, when that is a local
     * domain with a key (RFC 7489 §3.1.1: the d= that aligns with the From: domain).
     */
    public Optional<DkimSigner> signerFor(HeaderSection header) {
        return SenderControl.fromDomain(header).map(d -> signers.get(d.toLowerCase(Locale.ROOT)));
    }
}
