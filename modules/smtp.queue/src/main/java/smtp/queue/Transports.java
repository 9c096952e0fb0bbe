package smtp.queue;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Transports provided as services ({@code provides smtp.queue.Transport with ...}), found by
 * {@link Transport#name()}: how a module can plug in local delivery without the server naming
 * its class. A provider needs a public no-argument constructor (or a {@code provider()} method)
 * and reads its own configuration.
 */
public final class Transports {

    private Transports() {
    }

    /** The first provided transport called {@code name}. */
    public static Optional<Transport> find(String name) {
        return ServiceLoader.load(Transport.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(t -> t.name().equals(name))
                .findFirst();
    }
}
