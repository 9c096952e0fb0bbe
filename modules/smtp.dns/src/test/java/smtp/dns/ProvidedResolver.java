package smtp.dns;

/**
 * A {@link Resolver} provided as a service, for {@link ResolversTest}: it answers from a small
 * in-memory zone ({@code provided.test A 192.0.2.77}). Listed in a {@code META-INF/services}
 * file that the test writes for its own class loader only, so that no other test (nor another
 * module's tests, through the test-jar) finds it.
 */
public final class ProvidedResolver extends DelegatingResolver {

    /** Called by the {@link java.util.ServiceLoader}. */
    public ProvidedResolver() {
        super(InMemoryResolver.builder().a("provided.test", "192.0.2.77").build());
    }

    /** A second provider, to show that two are refused. */
    public static final class Another extends DelegatingResolver {

        /** Called by the {@link java.util.ServiceLoader}. */
        public Another() {
            super(InMemoryResolver.builder().build());
        }
    }
}
