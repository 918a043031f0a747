package kg.query;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kg.facts.FactSet;
import kg.load.Loader;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.GraphStore;

/** Loads fact files for the query tests and runs saved queries, rows reduced to comparable text. */
final class QueryFixtures {

    static final Schema SCHEMA = SchemaReader.builtIn();
    static final QueryLibrary LIBRARY = QueryLibrary.builtIn();

    private QueryFixtures() {
    }

    /** The invented facts with known answers under src/test/resources/fixtures/queries. */
    static Path fixtures() {
        try {
            return Path.of(QueryFixtures.class.getResource("/fixtures/queries").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void load(GraphStore store, Path... paths) {
        FactSet facts = FactSet.of(List.of(paths));
        FactSet.ValidationReport report = facts.validate(SCHEMA, Optional.empty());
        if (!report.valid()) {
            throw new IllegalStateException("fixture facts are invalid: " + report.problems());
        }
        new Loader(store, SCHEMA).load(facts);
    }

    static QueryResult run(GraphStore store, String query, Map<String, String> parameters, QueryOptions options) {
        PreparedQuery prepared = LIBRARY.prepare(SCHEMA, query, parameters, options);
        return QueryRunner.run(store, prepared, options.timeout(), null);
    }

    /** The chosen columns of each row, in CSV form (kg ids, full numbers), joined with " | ". */
    static List<String> rows(QueryResult result, String... columns) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                if (!result.columns().contains(c)) {
                    throw new IllegalArgumentException("no column " + c + " in " + result.columns());
                }
                cells.add(ResultFormat.text(row.get(c), result, false));
            }
            out.add(String.join(" | ", cells));
        }
        return out;
    }

    static List<String> rows(GraphStore store, String query, Map<String, String> parameters, String... columns) {
        return rows(run(store, query, parameters, QueryOptions.NONE), columns);
    }
}
