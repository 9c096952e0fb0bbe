package smtp.auth;

import java.util.Objects;

/**
 * Who produces aggregate reports: the {@code report_metadata} identity of RFC 7489 Appendix C.
 *
 * @param orgName          {@code org_name}: the reporting organization
 * @param email            {@code email}: a contact address
 * @param extraContactInfo {@code extra_contact_info}: optional, "" for none
 */
public record DmarcReporter(String orgName, String email, String extraContactInfo) {

    public DmarcReporter {
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(extraContactInfo, "extraContactInfo");
    }
}
