package smtp.auth.internal.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimResult;
import smtp.auth.DkimSignature;
import smtp.auth.DkimVerifierOptions;
import smtp.dns.DnsResult;
import smtp.dns.Resolver;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;

/**
 * The verification of one message as it streams in (RFC 6376 §6): the header section is
 * parsed when it ends, which tells which body hashes to compute; the body then streams
 * through the hashers; at the end each signature is checked.
 */
public final class VerificationSession implements MessageSplitter.Parts {

    /** One DKIM-Signature field and what became of it so far. */
    private record Entry(int index, HeaderField field, DkimSignature sig, BodyHashes.Key key, DkimResult early) {
    }

    private final SignatureCheck check;
    private final DkimVerifierOptions options;
    private final MessageSplitter splitter;
    private final BodyHashes bodyHashes = new BodyHashes();
    private final List<Entry> entries = new ArrayList<>();
    private List<HeaderField> fields = List.of();
    private Optional<String> problem = Optional.empty();
    private List<DkimResult> results;

    public VerificationSession(Resolver resolver, DkimVerifierOptions options, KeyCache keys) {
        this.check = new SignatureCheck(resolver, options, keys);
        this.options = options;
        this.splitter = new MessageSplitter(this, options.maxHeaderOctets());
    }

    public void write(byte[] b, int off, int len) {
        splitter.write(b, off, len);
    }

    @Override
    public void header(byte[] header, int length) {
        ParseResult<HeaderSection> parsed = HeaderSection.parse(header, 0, length);
        if (!(parsed instanceof ParseResult.Ok<HeaderSection> ok)) {
            problem = Optional.of("malformed header section: " + ((ParseResult.Invalid<HeaderSection>) parsed).reply());
            return;
        }
        fields = ok.value().fields();
        int evaluated = 0;
        for (int i = 0; i < fields.size(); i++) {
            HeaderField f = fields.get(i);
            if (!f.nameIs("DKIM-Signature")) {
                continue;
            }
            DkimParseResult<DkimSignature> sig = SignatureSyntax.parse(f.value(), options.draftSignatures());
            switch (sig) {
                // RFC 6376 §6.1.1: a malformed field is "completely ignored": RFC 8601 neutral.
                case DkimParseResult.Invalid<DkimSignature> bad ->
                        entries.add(new Entry(i, f, null, null, new DkimResult.Neutral(f, Optional.empty(), bad.reason())));
                case DkimParseResult.Ok<DkimSignature> good -> {
                    DkimSignature s = good.value();
                    if (++evaluated > options.maxSignatures()) {
                        // RFC 6376 §6.1: "A Verifier MAY limit the number of signatures it tries" (§8.4).
                        entries.add(new Entry(i, f, s, null, new DkimResult.Policy(f, s,
                                "not evaluated: more than " + options.maxSignatures() + " signatures")));
                    } else {
                        BodyHashes.Key key = BodyHashes.Key.of(s.bodyCanonicalization(), s.algorithm(),
                                s.bodyLength().orElse(Long.MAX_VALUE));
                        bodyHashes.add(key);
                        entries.add(new Entry(i, f, s, key, null));
                    }
                }
            }
        }
    }

    @Override
    public void body(byte[] b, int off, int len) {
        bodyHashes.update(b, off, len);
    }

    /** Ends the message and checks every signature; idempotent. */
    public List<DkimResult> finish() {
        if (results != null) {
            return results;
        }
        splitter.finish();
        if (splitter.overflowed()) {
            problem = Optional.of("header section exceeds " + options.maxHeaderOctets() + " octets");
        }
        bodyHashes.finish();
        Map<String, DnsResult<String>> lookups = new HashMap<>();
        List<DkimResult> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.early() != null ? e.early()
                    : check.check(e.field(), e.sig(), fields, e.index(), bodyHashes.digest(e.key()), bodyHashes.length(e.key()), lookups));
        }
        results = List.copyOf(out);
        return results;
    }

    /** Why no signature could be looked at (an oversized or malformed header section). */
    public Optional<String> problem() {
        return problem;
    }
}
