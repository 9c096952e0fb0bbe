package smtp.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code record} of an aggregate report, RFC 7489 Appendix C: messages from one source IP
 * with the same identifiers and results, and how many there were.
 *
 * @param sourceIp    {@code source_ip}, textual
 * @param count       {@code count}
 * @param disposition {@code policy_evaluated/disposition}
 * @param dkimAligned {@code policy_evaluated/dkim}: pass when an aligned DKIM signature passed
 * @param spfAligned  {@code policy_evaluated/spf}: pass when SPF passed for an aligned domain
 * @param sampledOut  adds a {@code reason} of type {@code sampled_out}
 * @param envelopeTo  {@code identifiers/envelope_to}, optional
 * @param headerFrom  {@code identifiers/header_from}
 * @param dkim        {@code auth_results/dkim}, one per signature
 * @param spf         {@code auth_results/spf}
 */
public record DmarcReportRow(String sourceIp, long count, DmarcPolicy disposition, boolean dkimAligned,
                             boolean spfAligned, boolean sampledOut, Optional<String> envelopeTo, String headerFrom,
                             List<DmarcDkimResult> dkim, Optional<DmarcSpfResult> spf) {

    public DmarcReportRow {
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(envelopeTo, "envelopeTo");
        Objects.requireNonNull(headerFrom, "headerFrom");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(spf, "spf");
        if (count < 1) {
            throw new IllegalArgumentException("count >= 1");
        }
    }

    /** The same row with another count. */
    public DmarcReportRow withCount(long n) {
        return new DmarcReportRow(sourceIp, n, disposition, dkimAligned, spfAligned, sampledOut, envelopeTo, headerFrom, dkim, spf);
    }
}
