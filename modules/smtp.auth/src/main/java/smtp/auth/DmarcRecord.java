package smtp.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DMARC policy record, RFC 7489 §6.3, after the defaults of absent tags are applied.
 *
 * @param policy           {@code p=}: the policy for the domain itself
 * @param subdomainPolicy  {@code sp=}: the policy for sub-domains; absent means {@code p} applies
 * @param dkimAlignment    {@code adkim=}, default relaxed
 * @param spfAlignment     {@code aspf=}, default relaxed
 * @param percent          {@code pct=}, 0..100, default 100
 * @param aggregateUris    {@code rua=}: where aggregate reports are requested (never contacted here)
 * @param failureUris      {@code ruf=}: where failure reports are requested
 * @param failureOptions   {@code fo=}: "0", "1", "d", "s"; default ["0"]
 * @param reportFormats    {@code rf=}: default ["afrf"]
 * @param reportInterval   {@code ri=}: seconds, default 86400
 */
public record DmarcRecord(DmarcPolicy policy, Optional<DmarcPolicy> subdomainPolicy, DmarcAlignment dkimAlignment,
                          DmarcAlignment spfAlignment, int percent, List<String> aggregateUris,
                          List<String> failureUris, List<String> failureOptions, List<String> reportFormats,
                          long reportInterval) {

    public DmarcRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        aggregateUris = List.copyOf(aggregateUris);
        failureUris = List.copyOf(failureUris);
        failureOptions = List.copyOf(failureOptions);
        reportFormats = List.copyOf(reportFormats);
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct is 0..100");
        }
        if (reportInterval < 0) {
            throw new IllegalArgumentException("negative ri");
        }
    }

    /** The policy for a message whose Author Domain is the policy domain itself or a sub-domain of it. */
    public DmarcPolicy policyFor(boolean subdomain) {
        return subdomain ? subdomainPolicy.orElse(policy) : policy;
    }

    /** The record as its tags would be written (for logs and tests). */
    public String format() {
        StringBuilder sb = new StringBuilder("v=DMARC1; p=").append(policy.keyword());
        subdomainPolicy.ifPresent(sp -> sb.append("; sp=").append(sp.keyword()));
        sb.append("; adkim=").append(dkimAlignment.keyword()).append("; aspf=").append(spfAlignment.keyword());
        sb.append("; pct=").append(percent);
        if (!aggregateUris.isEmpty()) {
            sb.append("; rua=").append(String.join(",", aggregateUris));
        }
        if (!failureUris.isEmpty()) {
            sb.append("; ruf=").append(String.join(",", failureUris));
        }
        sb.append("; fo=").append(String.join(":", failureOptions));
        sb.append("; rf=").append(String.join(":", reportFormats));
        return sb.append("; ri=").append(reportInterval).toString();
    }
}
