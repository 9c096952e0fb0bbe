package smtp.auth.internal.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import smtp.auth.DkimAlgorithm;
import smtp.auth.DkimSignerOptions;
import smtp.auth.DkimSigningKey;
import smtp.wire.HeaderField;
import smtp.wire.HeaderSection;
import smtp.wire.ParseResult;

/**
 * Signs one message as it streams in (RFC 6376 §5): the header section is kept, the body is
 * hashed on the fly (one hash shared by all keys, since rsa-sha256 and ed25519-sha256 both use
 * SHA-256 over the same canonical body), and at the end one DKIM-Signature field is made per key.
 */
public final class SigningSession implements MessageSplitter.Parts {

    private final List<DkimSigningKey> keys;
    private final DkimSignerOptions options;
    private final MessageSplitter splitter;
    private final BodyHashes bodyHashes = new BodyHashes();
    private final BodyHashes.Key bodyKey;
    private List<HeaderField> fields = List.of();
    private Optional<String> problem = Optional.empty();
    private List<HeaderField> result;

    public SigningSession(List<DkimSigningKey> keys, DkimSignerOptions options, int maxHeader) {
        this.keys = List.copyOf(keys);
        this.options = options;
        this.splitter = new MessageSplitter(this, maxHeader);
        this.bodyKey = BodyHashes.Key.of(options.bodyCanonicalization(), DkimAlgorithm.RSA_SHA256, Long.MAX_VALUE);
        bodyHashes.add(bodyKey);
    }

    public void write(byte[] b, int off, int len) {
        splitter.write(b, off, len);
    }

    @Override
    public void header(byte[] header, int length) {
        ParseResult<HeaderSection> parsed = HeaderSection.parse(header, 0, length);
        if (parsed instanceof ParseResult.Ok<HeaderSection> ok) {
            fields = ok.value().fields();
        } else {
            problem = Optional.of("malformed header section: " + ((ParseResult.Invalid<HeaderSection>) parsed).reply());
        }
    }

    @Override
    public void body(byte[] b, int off, int len) {
        bodyHashes.update(b, off, len);
    }

    /** The DKIM-Signature fields, one per key, to insert at the top of the header (§5.6). */
    public List<HeaderField> finish() {
        if (result != null) {
            return result;
        }
        splitter.finish();
        if (splitter.overflowed()) {
            problem = Optional.of("header section too large to sign");
        }
        bodyHashes.finish();
        if (problem.isPresent()) {
            result = List.of();
            return result;
        }
        String bh = Base64.getEncoder().encodeToString(bodyHashes.digest(bodyKey));
        long length = bodyHashes.length(bodyKey);
        List<String> h = headerList();
        List<HeaderField> out = new ArrayList<>(keys.size());
        long t = options.clock().instant().getEpochSecond();
        for (DkimSigningKey key : keys) {
            out.add(sign(key, h, bh, length, t));
        }
        result = List.copyOf(out);
        return result;
    }

    public Optional<String> problem() {
        return problem;
    }

    /**
     * The h= list: each configured name once per instance in the message (RFC 6376 §5.4.2:
     * "include the header field name multiple times"), plus once more when over-signed (§5.4:
     * "A header field name need only be listed once more than the actual number"). From is
     * always listed (§5.4: "The From header field MUST be signed").
     */
    List<String> headerList() {
        List<String> h = new ArrayList<>();
        for (String name : options.signedHeaders()) {
            int count = 0;
            for (HeaderField f : fields) {
                if (f.name().strip().equalsIgnoreCase(name)) {
                    count++;
                }
            }
            int n = options.oversignedHeaders().contains(name) ? count + 1 : count;
            if (name.equals("from")) {
                n = Math.max(n, 1);
            }
            for (int i = 0; i < n; i++) {
                h.add(name);
            }
        }
        return h;
    }

    private HeaderField sign(DkimSigningKey key, List<String> h, String bh, long length, long t) {
        DkimAlgorithm a = key.algorithm();
        SignatureFieldBuilder b = new SignatureFieldBuilder()
                .tag("v=1;")
                .tag("a=" + a.tag() + ";")
                .tag("c=" + options.headerCanonicalization().tag() + "/" + options.bodyCanonicalization().tag() + ";")
                .tag("d=" + key.domain() + ";")
                .tag("s=" + key.selector() + ";");
        options.identity().ifPresent(i -> b.tag("i=" + DkimQuotedPrintable.encode(i, false) + ";"));
        b.tag("t=" + t + ";");
        options.expiry().ifPresent(x -> b.tag("x=" + (t + x.getSeconds()) + ";"));
        if (options.bodyLengthTag()) {
            b.tag("l=" + length + ";");
        }
        b.list("h", h, ':', false);
        List<HeaderField> signed = HeaderSelection.select(fields, h);
        if (options.copyHeaders() && !signed.isEmpty()) {
            List<String> z = new ArrayList<>();
            for (HeaderField f : signed) {
                z.add(DkimQuotedPrintable.encode(f.name().strip() + ":" + f.value().strip(), true));
            }
            b.list("z", z, '|', false);
        }
        b.base64("bh", bh, false);
        b.tag("b=");
        // RFC 6376 §3.7 step 2: the field "with the value of the "b=" tag ... deleted", which is
        // exactly the text so far, since b= comes last.
        byte[] fieldWithoutB = (b.text() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = SignatureCheck.signedData(options.headerCanonicalization(), h, fields, fieldWithoutB);
        b.breakable(Base64.getEncoder().encodeToString(signature(key, data)));
        return b.build();
    }

    static byte[] signature(DkimSigningKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(key.algorithm().jcaSignatureAlgorithm());
            s.initSign(key.privateKey());
            // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data (PureEdDSA of the hash).
            s.update(key.algorithm() == DkimAlgorithm.ED25519_SHA256 ? SignatureCheck.sha256(data) : data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key + ": " + e.getMessage(), e);
        }
    }
}
