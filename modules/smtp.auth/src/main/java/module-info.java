/**
 * Message authentication: SPF (RFC 7208), DKIM (RFC 6376, RFC 8463, RFC 8301),
 * DMARC (RFC 7489) and Authentication-Results (RFC 8601).
 */
module smtp.auth {
    exports smtp.auth;

    requires transitive smtp.wire; // header fields and addresses appear in this module's API
    requires transitive smtp.dns;  // the Resolver appears in this module's API

    requires org.bouncycastle.provider; // PEM private keys the JDK cannot read (PKCS#1 RSA, OpenSSL Ed25519)
    requires org.bouncycastle.pkix;     // the PEM parser
    requires java.xml;                  // DMARC aggregate report XML (RFC 7489 §7.2, Appendix C)
}
