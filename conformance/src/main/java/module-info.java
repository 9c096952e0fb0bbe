/**
 * The conformance runner: replays RFC 5321 transactions against any SMTP server.
 * Run with {@code java -p dist/modules -m smtp.conformance --target HOST:PORT}.
 */
module smtp.conformance {
    exports smtp.conformance;

    requires smtp.wire; // reply parsing and command formatting
}
