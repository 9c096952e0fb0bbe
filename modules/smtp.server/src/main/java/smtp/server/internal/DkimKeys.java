package smtp.server.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import smtp.auth.DkimParseResult;
import smtp.auth.DkimSigner;
import smtp.auth.DkimSignerOptions;
import smtp.auth.DkimSigningKey;
import smtp.server.DkimKeyFile;
import smtp.server.ServerSettings;
import smtp.server.ServerStartException;
import smtp.server.internal.config.ConfigKey;
import smtp.wire.Domain;

/**
 * Loads the {@code dkim.key.<domain>} keys into one signer per domain (an RSA and an Ed25519
 * key sign twice, RFC 8463 §A.3), and logs the TXT record each key needs
 * ({@code <selector>._domainkey.<domain>}, RFC 6376 §3.6.2.1).
 */
public final class DkimKeys {

    private static final System.Logger LOG = System.getLogger("smtp.server");

    private DkimKeys() {
    }

    /** The signers by canonical domain; a key that cannot be used stops the start. */
    public static Map<String, DkimSigner> load(ServerSettings settings) throws ServerStartException {
        Map<String, DkimSigner> signers = new TreeMap<>();
        for (Map.Entry<String, List<DkimKeyFile>> e : settings.dkimKeys().entrySet()) {
            String domain = e.getKey();
            String key = ConfigKey.DKIM_KEY_PREFIX + domain;
            if (!settings.isLocal(new Domain(domain))) {
                throw new ServerStartException(settings.source(), key, domain + " is not a local domain (domains.local)", null);
            }
            List<DkimSigningKey> keys = new ArrayList<>();
            for (DkimKeyFile f : e.getValue()) {
                try {
                    switch (DkimSigningKey.load(f.pem(), domain, f.selector())) {
                        case DkimParseResult.Ok<DkimSigningKey> ok -> keys.add(ok.value());
                        case DkimParseResult.Invalid<DkimSigningKey> bad ->
                                throw new ServerStartException(settings.source(), key, f.pem() + ": " + bad.reason(), null);
                    }
                } catch (IOException ex) {
                    throw new ServerStartException(settings.source(), key, "cannot read " + f.pem() + ": " + ex.getMessage(), ex);
                }
            }
            signers.put(domain, new DkimSigner(keys, DkimSignerOptions.defaults()));
            for (DkimSigningKey k : keys) {
                LOG.log(Level.INFO, "DKIM: mail from " + domain + " is signed with " + k.algorithm() + " selector " + k.selector()
                        + "; publish " + k.keyName() + " TXT \"" + k.keyRecord() + "\"");
            }
        }
        return signers;
    }
}
