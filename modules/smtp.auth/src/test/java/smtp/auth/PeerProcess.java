package smtp.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer program (dkimpy, libopendkim through Python) to completion, with a generous timeout. */
final class PeerProcess {

    private PeerProcess() {
    }

    /** The peer's standard output; fails with its standard error when it exits non-zero. */
    static byte[] run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(err.toFile()).start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new IOException("peer timed out: " + command);
            }
        } finally {
            p.destroyForcibly(); // never leave a peer running
        }
        if (p.exitValue() != 0) {
            throw new IOException("peer failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return out;
    }
}
