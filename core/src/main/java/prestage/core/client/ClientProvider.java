package prestage.core.client;

/**
 * A kind of client that lives in another module (SMB), found through {@link java.util.ServiceLoader} so that core
 * needs none of its libraries.
 */
public interface ClientProvider {
    /** Whether {@code spec} (a {@code --target} value) names a client of this kind. */
    boolean accepts(String spec);

    Client open(String spec, String registry);

    /** Opens with the run's settings; a provider whose client keeps descriptors itself (SMB) needs none of them. */
    default Client open(String spec, String registry, ClientSettings settings) {
        return open(spec, registry);
    }
}
