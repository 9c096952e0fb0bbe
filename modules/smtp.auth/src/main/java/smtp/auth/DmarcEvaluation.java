package smtp.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What DMARC decided for one message and one Author Domain, RFC 7489 §6.6: the result, the
 * disposition the receiver should apply, and the facts an aggregate report records.
 *
 * @param result          pass, fail, none, temperror or permerror
 * @param disposition     what to do: {@link DmarcPolicy#NONE} unless the result is fail and the
 *                        policy (after {@code pct} sampling) asks for more
 * @param fromDomain      the Author Domain (RFC5322.From domain), "" when the message had none
 * @param policyDomain    where the policy record was found (the From domain or its
 *                        Organizational Domain)
 * @param record          the policy record, when one was found and usable
 * @param spfAligned      SPF passed for a domain aligned with the From domain
 * @param dkimAligned     a DKIM signature passed for a domain aligned with the From domain
 * @param sampledOut      the policy was lowered because the message was not selected by {@code pct}
 * @param spf             the SPF input
 * @param dkim            the DKIM inputs
 * @param reason          a human-readable account of the decision
 */
public record DmarcEvaluation(DmarcResult result, DmarcPolicy disposition, String fromDomain,
                              Optional<String> policyDomain, Optional<DmarcRecord> record, boolean spfAligned,
                              boolean dkimAligned, boolean sampledOut, Optional<DmarcSpfResult> spf,
                              List<DmarcDkimResult> dkim, String reason) {

    public DmarcEvaluation {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(fromDomain, "fromDomain");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(spf, "spf");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(reason, "reason");
        if (result != DmarcResult.FAIL && result != DmarcResult.PERMERROR && disposition != DmarcPolicy.NONE) {
            throw new IllegalArgumentException("only a failing message gets a disposition other than none");
        }
    }

    /** The policy the domain owner asked for, before pct sampling ({@code p} or {@code sp}). */
    public Optional<DmarcPolicy> requestedPolicy() {
        return record.map(r -> r.policyFor(policyDomain.map(d -> !d.equals(fromDomain)).orElse(false)));
    }
}
