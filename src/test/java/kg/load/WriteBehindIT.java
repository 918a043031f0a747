package kg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.store.CypherFailed;
import kg.store.EmbeddedStore;
import kg.store.Tx;
import kg.testing.TestStores;

/** The load's write statements on a second thread, in one real embedded transaction. */
class WriteBehindIT {

    @TempDir
    static Path dir;
    static EmbeddedStore store;

    @BeforeAll
    static void open() {
        store = TestStores.open(dir.resolve("store"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @BeforeEach
    void empty() {
        store.write(tx -> tx.run("MATCH (n) DETACH DELETE n RETURN count(*) AS n").list());
    }

    private static long count(Tx tx, String cypher) {
        return ((Number) tx.run(cypher, Map.of()).single().get("n")).longValue();
    }

    private static long probes() {
        return store.read(tx -> count(tx, "MATCH (p:Probe) RETURN count(p) AS n"));
    }

    private static void create(Tx tx, int i) {
        tx.run("CREATE (:Probe {i: $i}) RETURN 1 AS n", Map.of("i", i)).list();
    }

    @Test
    void statementsRunInOrderOnTheSecondThreadAndAReadSeesEveryOneBeforeIt() {
        List<String> threads = new ArrayList<>();
        long[] seen = new long[3];
        store.write(tx -> {
            try (WriteBehind behind = new WriteBehind(tx)) {
                behind.start();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    behind.submit(t -> {
                        // Each statement finds exactly the ones given before it: in order, none run twice.
                        assertEquals(n, count(t, "MATCH (p:Probe) RETURN count(p) AS n"));
                        create(t, n);
                        synchronized (threads) {
                            threads.add(Thread.currentThread().getName());
                        }
                    });
                }
                seen[0] = count(behind, "MATCH (p:Probe) RETURN count(p) AS n");
                behind.submit(t -> create(t, 200));
                behind.finish();
                seen[1] = count(behind, "MATCH (p:Probe) RETURN max(p.i) AS n");
                // Finished: a statement given now runs on the caller's thread, at once.
                behind.submit(t -> create(t, 201));
                seen[2] = count(behind, "MATCH (p:Probe) RETURN count(p) AS n");
            }
            return null;
        });
        assertEquals(200, seen[0], "a read waits for every statement given before it");
        assertEquals(200, seen[1]);
        assertEquals(202, seen[2]);
        assertEquals(200, threads.size());
        assertTrue(threads.stream().allMatch("kg-load-write"::equals), threads.toString());
        assertEquals(202L, probes(), "committed");
    }

    @Test
    void aStatementThatFailsBehindFailsTheLoadAtItsNextStepAndNothingIsWritten() {
        AtomicInteger ranAfterTheFailure = new AtomicInteger();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> store.write(tx -> {
            try (WriteBehind behind = new WriteBehind(tx)) {
                behind.start();
                behind.submit(t -> create(t, 1));
                behind.submit(t -> t.run("CREATE (:Probe {i: 2}) RETURN 1/0 AS n", Map.of()).list());
                for (int i = 0; i < 50; i++) {
                    behind.submit(t -> ranAfterTheFailure.incrementAndGet()); // dropped once the failure is known
                }
                behind.finish();
            }
            return null;
        }));
        // Neo4j's own error, translated as any other statement's would be, on the loader's thread.
        assertInstanceOf(CypherFailed.class, failure, failure.toString());
        assertTrue(failure.getMessage().contains("by zero"), failure.getMessage());
        assertEquals(0, ranAfterTheFailure.get(), "statements given after the failed one never run");
        assertEquals(0L, probes(), "rolled back whole");
    }

    @Test
    void aLoaderFailureWhileStatementsAreBehindRollsBackWithTheTransactionIdle() {
        RuntimeException failure = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            try (WriteBehind behind = new WriteBehind(tx)) {
                behind.start();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    behind.submit(t -> create(t, n));
                }
                throw new IllegalStateException("the facts have problems");
            }
        }));
        assertEquals("the facts have problems", failure.getMessage());
        assertEquals(0L, probes());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("kg-load-write")),
                "the second thread ended with the load");
    }
}
