package smtp.wire;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * {@code IPv4-address-literal = Snum 3("."  Snum)}, RFC 5321 §4.1.3; Snum is 0 to 255.
 *
 * @param address the address
 */
public record Ipv4Literal(Inet4Address address) implements AddressLiteral {

    public Ipv4Literal {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return "[" + address.getHostAddress() + "]";
    }
}
