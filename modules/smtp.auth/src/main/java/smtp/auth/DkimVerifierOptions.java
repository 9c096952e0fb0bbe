package smtp.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link DkimVerifier} accepts. {@link #defaults()}: the system clock, RSA keys of
 * 1024 to 8192 bits, 10 signatures per message, header sections up to 1 MiB, 5 minutes of
 * clock drift for {@code x=}.
 *
 * @param clock             the verification time (RFC 6376 §3.5 x=: "the time that the
 *                          message was first received ... otherwise, the current time")
 * @param minRsaKeyBits     RSA keys shorter than this give {@link DkimResult.Policy}; at least
 *                          1024 (RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA
 *                          keys of less than 1024 bits as valid signatures")
 * @param maxRsaKeyBits     RSA keys longer than this are not used (RFC 8301 §3.2: verifiers "MAY
 *                          be able to validate signatures with larger keys" than 4096): a bound on
 *                          the work an attacker can cause (RFC 6376 §8.4); at least 4096
 * @param maxSignatures     signatures evaluated per message; the rest give {@link DkimResult.Policy}
 *                          (RFC 6376 §6.1: "A Verifier MAY limit the number of signatures it tries")
 * @param maxHeaderOctets   the header section is buffered up to this size
 * @param expiryGrace       x= is honoured this long after the expiry (RFC 6376 §3.5 x=:
 *                          "Receivers MAY add a 'fudge factor' to allow for such possible drift")
 * @param draftSignatures   also evaluate signatures of the pre-RFC drafts ({@code v=0.5} or no
 *                          {@code v=}, {@code q=dns}), as RFC 6376 §6.1.1 permits; off by default
 *                          (such signatures are {@link DkimResult.Neutral}); useful for old test corpora
 */
public record DkimVerifierOptions(
        Clock clock, int minRsaKeyBits, int maxRsaKeyBits, int maxSignatures, int maxHeaderOctets, Duration expiryGrace,
        boolean draftSignatures) {

    public DkimVerifierOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(expiryGrace, "expiryGrace");
        if (minRsaKeyBits < 1024) {
            throw new IllegalArgumentException("RFC 8301 §3.2: RSA keys under 1024 bits are never valid");
        }
        if (maxRsaKeyBits < 4096 || maxRsaKeyBits < minRsaKeyBits) {
            throw new IllegalArgumentException("RFC 8301 §3.2: verifiers MUST validate keys of 1024 to 4096 bits");
        }
        if (maxSignatures < 1 || maxHeaderOctets < 1024 || expiryGrace.isNegative()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The defaults described above. */
    public static DkimVerifierOptions defaults() {
        return new DkimVerifierOptions(Clock.systemUTC(), 1024, 8192, 10, 1 << 20, Duration.ofMinutes(5), false);
    }

    /** These options with another clock (tests; or the time the message was received). */
    public DkimVerifierOptions withClock(Clock c) {
        return new DkimVerifierOptions(c, minRsaKeyBits, maxRsaKeyBits, maxSignatures, maxHeaderOctets, expiryGrace, draftSignatures);
    }

    /** These options with another minimum RSA key size (e.g. 2048). */
    public DkimVerifierOptions withMinRsaKeyBits(int bits) {
        return new DkimVerifierOptions(clock, bits, maxRsaKeyBits, maxSignatures, maxHeaderOctets, expiryGrace, draftSignatures);
    }

    /** These options with another signature limit. */
    public DkimVerifierOptions withMaxSignatures(int n) {
        return new DkimVerifierOptions(clock, minRsaKeyBits, maxRsaKeyBits, n, maxHeaderOctets, expiryGrace, draftSignatures);
    }

    /** These options with pre-RFC draft signatures evaluated or not. */
    public DkimVerifierOptions withDraftSignatures(boolean drafts) {
        return new DkimVerifierOptions(clock, minRsaKeyBits, maxRsaKeyBits, maxSignatures, maxHeaderOctets, expiryGrace, drafts);
    }

    /** These options with another drift allowance for x=. */
    public DkimVerifierOptions withExpiryGrace(Duration grace) {
        return new DkimVerifierOptions(clock, minRsaKeyBits, maxRsaKeyBits, maxSignatures, maxHeaderOctets, grace, draftSignatures);
    }
}
