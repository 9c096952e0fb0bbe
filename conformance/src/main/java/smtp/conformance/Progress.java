package smtp.conformance;

/** Receives each result as soon as its scenario finishes (live progress). */
@FunctionalInterface
public interface Progress {

    /** Ignores everything. */
    Progress NONE = (result, index, total) -> { };

    /**
     * @param result the finished scenario
     * @param index  1-based position in the run
     * @param total  number of scenarios in the run
     */
    void finished(ScenarioResult result, int index, int total);
}
