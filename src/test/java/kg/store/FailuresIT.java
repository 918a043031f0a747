package kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/** Neo4j's own failures, raised by a real embedded Neo4j, become kg's messages. */
class FailuresIT {

    @Test
    void aTransactionOverNeo4jsMemoryLimitIsAUserErrorAndWritesNothing(@TempDir Path dir) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 32L << 20)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, 16L << 20)
                .build();
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            RuntimeException failure = assertThrows(RuntimeException.class, () -> {
                try (Transaction tx = db.beginTx()) {
                    tx.execute("UNWIND range(1, 1000000) AS i CREATE (:Entity {id: 'e' + i, name: 'a name ' + i})")
                            .close();
                    tx.commit();
                }
            });
            RuntimeException translated = Failures.translate(failure, null);
            TransactionTooLarge tooLarge = assertInstanceOf(TransactionTooLarge.class, translated);
            assertEquals(1, tooLarge.exitCode());
            assertTrue(tooLarge.getMessage().contains("nothing was written"), tooLarge.getMessage());
            assertTrue(tooLarge.getMessage().contains("-Xmx"), tooLarge.getMessage());
            try (Transaction tx = db.beginTx()) {
                assertEquals(0L, tx.execute("MATCH (n) RETURN count(n) AS n").next().get("n"));
            }
        } finally {
            dbms.shutdown();
        }
    }
}
