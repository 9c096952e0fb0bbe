package smtp.session.internal.sasl;

import java.io.IOException;
import java.nio.file.Path;
import smtp.session.CredentialStore;
import smtp.session.CredentialStoreProvider;

/** The {@code file:} credential stores: {@link PasswordFile}s. */
public final class PasswordFileProvider implements CredentialStoreProvider {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public CredentialStore open(String location) throws IOException {
        return PasswordFile.load(Path.of(location));
    }
}
