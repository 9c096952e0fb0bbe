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
 *                back the parsed text; the "::" rules allow several spellings)
 */
public record Ipv6Literal(Inet6Address address, String text) implements AddressLiteral {

    public Ipv6Literal {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "[IPv6:" + text + "]";
    }
}
