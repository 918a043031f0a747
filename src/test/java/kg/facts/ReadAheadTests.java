package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.generate.Generator;
import kg.schema.Schema;
import kg.schema.SchemaReader;

/** Files read on worker threads reach the caller exactly as if they had been read one after another. */
class ReadAheadTests {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    @TempDir
    static Path tmp;
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        dir = tmp.resolve("facts");
        // Many small files, so that workers finish files out of order; and problems in some of them.
        new Generator(new Generator.Settings(3_000, 11, 60, 0)).write(dir);
        Files.writeString(dir.resolve("facts-0003-bad.yaml"), "entities:\n  - {id: bad one, type: Company, name: X}\n"
                + "relationships:\n  - {type: OWNS, from: nobody, to: bad one, status: maybe, sources: [nope]}\n");
        Files.writeString(dir.resolve("facts-0007-broken.yaml"), "entities: [\n");
    }

    @Test
    void factsProblemsAndReferencesComeInFileOrder() throws IOException {
        FactSet all = FactSet.of(List.of(dir));
        assertTrue(all.files().size() > 40, "enough files to overtake one another");
        List<String> facts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : all.files()) {
            // One file at a time: nothing to run ahead of.
            seen(FactSet.of(List.of(file)), facts, problems);
        }
        assertEquals(3, problems.size(), "the two bad files' problems");
        for (int round = 0; round < 3; round++) {
            List<String> allFacts = new ArrayList<>();
            List<String> allProblems = new ArrayList<>();
            seen(all, allFacts, allProblems);
            assertTrue(facts.equals(allFacts), "the same facts in the same order, round " + round);
            assertEquals(problems, allProblems);
        }
    }

    @Test
    void aFailingConsumerStopsTheWorkers() throws InterruptedException {
        FactSet all = FactSet.of(List.of(dir));
        int[] handed = {0};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> all.validate(SCHEMA, Optional.empty(),
                new FactSet.FactHandler() {
                    @Override
                    public void entity(Fact.Entity entity) {
                        if (++handed[0] == 100) {
                            throw new IllegalStateException("consumer failed");
                        }
                    }
                }));
        assertEquals("consumer failed", e.getMessage());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (readers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, readers(), "no reader thread left running");
    }

    /** Every fact handed over, in the order they came, and every problem. */
    private static void seen(FactSet facts, List<String> seen, List<String> problems) {
        FactSet.ValidationReport report = facts.validate(SCHEMA, Optional.empty(), new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                seen.add("S " + s.id() + " " + s.position());
            }

            @Override
            public void entity(Fact.Entity e) {
                seen.add("E " + e.id() + " " + e.position());
            }

            @Override
            public void relationship(Fact.Relationship r) {
                seen.add("R " + r.key() + " " + r.position());
            }
        });
        // Problems of a single file may differ from those of the whole set (references): only item problems.
        report.problems().stream().filter(p -> !p.message().startsWith("reference to undeclared"))
                .forEach(p -> problems.add(p.toString()));
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kg-read-")).count();
    }
}
