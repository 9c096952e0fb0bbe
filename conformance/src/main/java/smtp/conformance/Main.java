package smtp.conformance;

/** Entry point of the conformance runner. TODO(issue 7). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("smtp.conformance: not yet implemented (issue 7)");
    }
}
