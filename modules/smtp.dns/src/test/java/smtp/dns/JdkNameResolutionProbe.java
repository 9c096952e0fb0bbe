package smtp.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Run in a fresh JVM by {@link JdkNameResolutionTest}: prints what the JDK resolves a name to. */
public final class JdkNameResolutionProbe {

    private JdkNameResolutionProbe() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(InetAddress.getByName(args[0]).getHostAddress());
        } catch (UnknownHostException e) {
            System.out.println("unknown");
        }
    }
}
