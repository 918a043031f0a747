package kg.cli;

import java.util.Map;

import kg.UserError;
import kg.export.Selection;
import kg.schema.Schema;

/** The selection of a saved query: its statement and bound parameters. */
final class QuerySelection {

    private QuerySelection() {
    }

    static Selection of(Schema schema, String name, Map<String, String> parameters, String asOf) {
        throw new UserError("--query is not available yet: the saved-query module is not in this build", 1);
    }
}
