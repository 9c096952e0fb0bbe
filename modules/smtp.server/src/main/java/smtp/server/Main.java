package smtp.server;

/**
 * Entry point of the MTA: {@code java -p dist/modules -m smtp.server}.
 * TODO(issue 8): the real MTA.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("smtp.server: not yet an MTA (issue 8)");
    }
}
