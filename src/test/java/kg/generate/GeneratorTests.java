package kg.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.testing.Cli;

class GeneratorTests {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    @TempDir
    Path tmp;

    @Test
    void generatedFactsAreValidAndShaped() {
        Generator.Summary summary = new Generator(new Generator.Settings(3_000, 7, 1_000, 0)).write(tmp.resolve("a"));
        assertEquals(3, summary.files());
        FactSet facts = FactSet.of(List.of(tmp.resolve("a")));
        FactSet.ValidationReport report = facts.validate(SCHEMA, Optional.empty());
        assertTrue(report.valid(), () -> report.problems().subList(0, Math.min(5, report.problems().size())).toString());
        assertEquals(3, report.files());
        assertEquals(3_000, report.entities());
        assertEquals(summary.relationships(), report.relationships());
        double perEntity = report.relationships() / 3_000.0;
        assertTrue(perEntity > 1.7 && perEntity < 2.5, "relationships per entity: " + perEntity);

        Map<String, Integer> degree = new HashMap<>();
        Map<String, Set<String>> ownersOf = new HashMap<>();
        Set<String> types = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        boolean[] seen = new boolean[3]; // share range, position with until, asserted_by
        facts.forEach(SCHEMA, new FactSet.FactHandler() {
            @Override
            public void entity(Fact.Entity e) {
                types.add(e.type());
            }

            @Override
            public void relationship(Fact.Relationship r) {
                degree.merge(r.from(), 1, Integer::sum);
                degree.merge(r.to(), 1, Integer::sum);
                statuses.add(r.status());
                if (r.type().equals("OWNS")) {
                    ownersOf.computeIfAbsent(r.to(), k -> new HashSet<>()).add(r.from());
                    seen[0] |= r.properties().containsKey("share_min");
                }
                seen[1] |= r.type().equals("HOLDS_POSITION") && r.properties().containsKey("until");
                seen[2] |= r.properties().containsKey("asserted_by");
            }
        });
        assertEquals(Set.of("Company", "Person", "Agency", "Law", "Country"), types);
        assertEquals(Set.of("confirmed", "reported", "alleged", "denied"), statuses);
        assertArrayEquals(new boolean[] {true, true, true}, seen);
        // Power law: a few hubs far above the typical degree.
        int max = degree.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long low = degree.values().stream().filter(d -> d <= 3).count();
        assertTrue(max >= 50, "max degree " + max);
        assertTrue(low > degree.size() / 2, "most entities have few relationships");
        // Ownership: chains several companies deep, and at least one cycle.
        assertTrue(longestChain(ownersOf) >= 5, "ownership chains should run several steps deep");
        assertTrue(hasCycle(ownersOf), "some ownership should be circular");
    }

    @Test
    void sameSeedSameBytesAndRevisionsKeepTheOriginals() throws IOException {
        new Generator(new Generator.Settings(2_500, 42, 1_000, 0)).write(tmp.resolve("x"));
        new Generator(new Generator.Settings(2_500, 42, 1_000, 0)).write(tmp.resolve("y"));
        new Generator(new Generator.Settings(2_500, 43, 1_000, 0)).write(tmp.resolve("z"));
        for (String f : List.of("facts-00001.yaml", "facts-00002.yaml", "facts-00003.yaml")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("x").resolve(f)), Files.readAllBytes(tmp.resolve("y").resolve(f)));
        }
        assertFalse(Files.readString(tmp.resolve("x/facts-00001.yaml")).equals(Files.readString(tmp.resolve("z/facts-00001.yaml"))));

        Generator.Summary edited = new Generator(new Generator.Settings(2_500, 42, 1_000, 10)).write(tmp.resolve("e"));
        assertEquals(2_625, edited.entities());
        FactSet.ValidationReport report = FactSet.of(List.of(tmp.resolve("e"))).validate(SCHEMA, Optional.empty());
        assertTrue(report.valid(), () -> report.problems().toString());
        String original = Files.readString(tmp.resolve("x/facts-00001.yaml"));
        String revised = Files.readString(tmp.resolve("e/facts-00001.yaml"));
        long revisedEntities = revised.lines().filter(l -> l.equals("    description: Revised in a later extract.")).count();
        assertTrue(revisedEntities > 30 && revisedEntities < 70, "about 5% of 1000 edited: " + revisedEntities);
        // Without the edits, the revision is the original, byte for byte.
        assertEquals(original, revised.replace("    description: Revised in a later extract.\n", "")
                .replace("    note: revised\n", ""));
    }

    @Test
    void aRevisionCanKeepItsEditsToTheLastFiles() throws IOException {
        new Generator(new Generator.Settings(4_000, 42, 1_000, 0)).write(tmp.resolve("base"));
        Generator.Summary local = new Generator(new Generator.Settings(4_000, 42, 1_000, 10, 50)).write(tmp.resolve("local"));
        assertEquals(4_200, local.entities());
        FactSet.ValidationReport report = FactSet.of(List.of(tmp.resolve("local"))).validate(SCHEMA, Optional.empty());
        assertTrue(report.valid(), () -> report.problems().toString());
        // The first half of the files is untouched, the other half holds all the edits, the added ones are new files.
        for (String f : List.of("facts-00001.yaml", "facts-00002.yaml")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("base").resolve(f)), Files.readAllBytes(tmp.resolve("local").resolve(f)));
        }
        long edited = 0;
        for (String f : List.of("facts-00003.yaml", "facts-00004.yaml")) {
            String revised = Files.readString(tmp.resolve("local").resolve(f));
            edited += revised.lines().filter(l -> l.equals("    description: Revised in a later extract.")).count();
            assertEquals(Files.readString(tmp.resolve("base").resolve(f)), revised
                    .replace("    description: Revised in a later extract.\n", "").replace("    note: revised\n", ""));
        }
        assertTrue(edited > 150 && edited < 250, "about 5% of 4000 edited, all in the last two files: " + edited);
        assertTrue(Files.exists(tmp.resolve("local/facts-00005.yaml")));
        assertFalse(Files.exists(tmp.resolve("base/facts-00005.yaml")));
    }

    @Test
    void cliWritesFilesAndRejectsBadSettings() throws IOException {
        Cli ok = Cli.run("generate", "--entities", "500", "--out", tmp.resolve("c").toString(), "--seed", "3");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("500 entities"), ok.out());
        try (Stream<Path> files = Files.list(tmp.resolve("c"))) {
            assertEquals(1, files.count());
        }
        Cli bad = Cli.run("generate", "--entities", "0", "--out", tmp.resolve("d").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("kg: need at least one entity"), bad.err());
        Cli noFiles = Cli.run("generate", "--entities", "500", "--edit", "10", "--edited-files", "0", "--out",
                tmp.resolve("e").toString());
        assertEquals(2, noFiles.exitCode());
        assertTrue(noFiles.err().contains("kg: edited files percent must be above 0 and at most 100"), noFiles.err());
    }

    private static int longestChain(Map<String, Set<String>> ownersOf) {
        int best = 0;
        for (String company : ownersOf.keySet()) {
            best = Math.max(best, chain(company, ownersOf, new HashSet<>()));
            if (best >= 10) {
                break;
            }
        }
        return best;
    }

    private static int chain(String company, Map<String, Set<String>> ownersOf, Set<String> path) {
        if (!path.add(company)) {
            return 0;
        }
        int best = 0;
        for (String owner : ownersOf.getOrDefault(company, Set.of())) {
            best = Math.max(best, 1 + chain(owner, ownersOf, path));
        }
        path.remove(company);
        return best;
    }

    private static boolean hasCycle(Map<String, Set<String>> ownersOf) {
        for (var e : ownersOf.entrySet()) {
            for (String owner : e.getValue()) {
                for (String grand : ownersOf.getOrDefault(owner, Set.of())) {
                    if (ownersOf.getOrDefault(grand, Set.of()).contains(e.getKey())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
