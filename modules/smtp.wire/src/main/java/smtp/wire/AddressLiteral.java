package smtp.wire;

/**
 * An address literal, RFC 5321 §4.1.3:
 *
 * <pre>
 * address-literal  = "[" ( IPv4-address-literal /
 *                    IPv6-address-literal /
 *                    General-address-literal ) "]"
 * </pre>
 */
public sealed interface AddressLiteral extends Host permits Ipv4Literal, Ipv6Literal, GeneralLiteral {

    /** The wire form including the square brackets. */
    @Override
    String toString();
}
