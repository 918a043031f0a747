package kg.load;

import kg.facts.FactSet;

/**
 * The facts have problems, found while loading them (validation and the load are one pass over the files):
 * the load was abandoned and the graph is as it was before.
 */
public final class InvalidFacts extends RuntimeException {

    private final transient FactSet.ValidationReport report;

    InvalidFacts(FactSet.ValidationReport report) {
        super(report.problems().size() + " problems in the facts");
        this.report = report;
    }

    public FactSet.ValidationReport report() {
        return report;
    }
}
