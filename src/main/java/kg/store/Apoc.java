package kg.store;

import java.util.List;

import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The APOC procedures and functions kg uses. Embedded Neo4j does not pick APOC up from the class path, so
 * these are registered in-process; the list stays short because each class costs start-up time.
 */
final class Apoc {

    /** Classes whose procedures kg calls. */
    static final List<Class<?>> PROCEDURES = List.of(apoc.path.PathExplorer.class);
    /** Classes whose functions kg calls. */
    static final List<Class<?>> FUNCTIONS = List.of(apoc.coll.Coll.class, apoc.text.Strings.class,
            apoc.convert.Json.class, apoc.path.Paths.class);

    private Apoc() {
    }

    static void register(GraphDatabaseAPI db) {
        GlobalProcedures procedures = db.getDependencyResolver().resolveDependency(GlobalProcedures.class);
        try {
            for (Class<?> c : PROCEDURES) {
                procedures.registerProcedure(c);
            }
            for (Class<?> c : FUNCTIONS) {
                procedures.registerFunction(c);
            }
        } catch (ProcedureException e) {
            throw new IllegalStateException("cannot register APOC: " + e.getMessage(), e);
        }
    }
}
