/**
 * The conformance runner: replays RFC 5321 transactions against any SMTP server, over plain
 * sockets like any client, and reports pass, fail or n/a per scenario with the RFC section it
 * checks. Run with {@code java -p dist/modules -m smtp.conformance --target HOST:PORT}; from
 * code, call {@link smtp.conformance.ConformanceRunner#run}.
 *
 * <h2>Standards</h2>
 * The scenarios cite RFC 5321 (Appendix D, §2.3.8, §2.4, §3.3, §4.1, §4.2, §4.3.2, §4.5) and
 * the extensions RFC 1870, 2034, 2920, 3030, 3207, 3461, 4954, 6152, 6531; the table is in
 * {@code conformance/README.md}.
 *
 * <h2>Limits</h2>
 * Only the target given is contacted; every reply wait is bounded (default 10 s), every message
 * too (default 1 MiB), and a run is a fixed list of scenarios without loops.
 */
module smtp.conformance {
    exports smtp.conformance;

    requires smtp.wire; // replies are assembled and parsed with smtp.wire's Reply and ReplyAssembler; xtext for ORCPT
}
