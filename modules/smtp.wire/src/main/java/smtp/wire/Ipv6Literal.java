package smtp.wire;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * An IPv6 address literal, RFC 5321 §4.1.3:
 *
 * <pre>
 * IPv6-address-literal  = "IPv6:" IPv6-addr
 * IPv6-addr      = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp
 * IPv6-hex       = 1*4HEXDIG
 * IPv6-full      = IPv6-hex 7(":" IPv6-hex)
 * IPv6-comp      = [IPv6-hex *5(":" IPv6-hex)] "::" [IPv6-hex *5(":" IPv6-hex)]
 * IPv6v4-full    = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
 * IPv6v4-comp    = [IPv6-hex *3(":" IPv6-hex)] "::" [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
 * </pre>
 *
 * @param address the address
 * @param text    the address as written after {@code IPv6:} (kept so that formatting gives
 *                back the parsed text; the "::" rules allow several spellings); it must be an
 *                IPv6-addr that denotes {@code address}, else {@link IllegalArgumentException}
 */
public record Ipv6Literal(Inet6Address address, String text) implements AddressLiteral {

    public Ipv6Literal {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
        // RFC 5321 §4.1.3: the text must be an IPv6-addr, and the one that denotes the address,
        // so that formatting cannot emit anything else (a "]", a space, a CRLF).
        if (!smtp.wire.internal.AddressLiteralSyntax.isIpv6Text(text, address)) {
            throw new IllegalArgumentException("RFC 5321 §4.1.3: not an IPv6-addr for " + address.getHostAddress() + ": " + text);
        }
    }

    @Override
    public String toString() {
        return "[IPv6:" + text + "]";
    }
}
