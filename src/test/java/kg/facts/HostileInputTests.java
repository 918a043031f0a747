package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import kg.schema.Schema;
import kg.schema.SchemaReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input built to hurt the parser fails with a clear problem, quickly and in bounded memory. */
class HostileInputTests {

    static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSchema() {
        schema = SchemaReader.builtIn();
    }

    private List<Problem> validate(Path file, FactLimits limits) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> FactSet.of(List.of(file), limits).validate(schema, Optional.empty()).problems());
    }

    @Test
    void billionLaughsIsStoppedByTheAliasBudget() throws IOException {
        StringBuilder yaml = new StringBuilder("entities:\n  - id: lol\n    type: Company\n    name: lol\n    aliases:\n");
        yaml.append("      - &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("      - &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        Path file = dir.resolve("laughs.yaml");
        Files.writeString(file, yaml);
        List<Problem> problems = validate(file, FactLimits.DEFAULT);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("aliases expand to more than 10000 values"), problems::toString);
        assertEquals(file.toString(), problems.get(0).position().file());
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, "entities:\n  - {id: a, type: Company, name: A, aliases: " + "[".repeat(200) + "]".repeat(200)
                + "}\n");
        List<Problem> problems = validate(file, FactLimits.DEFAULT);
        assertTrue(problems.get(0).message().contains("nesting deeper than 32 levels"), problems::toString);
        assertEquals(2, problems.get(0).position().line());
    }

    @Test
    void aHugeScalarIsStoppedAtTheFileLimitWithoutReadingItAll() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("entities:\n  - {id: a, type: Company, name: \"");
            char[] chunk = "x".repeat(1 << 16).toCharArray();
            for (int i = 0; i < 512; i++) { // 32 Mi characters in one scalar
                w.write(chunk);
            }
            w.write("\"}\n");
        }
        long before = usedHeap();
        List<Problem> problems = validate(file, new FactLimits(1 << 20, 32, 10_000));
        long grown = usedHeap() - before;
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("file is larger than 1048576 characters"), problems::toString);
        assertTrue(grown < 64L << 20, "heap grew by " + grown + " bytes reading a 32 Mi-character scalar");
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "entities:\n  - {id: a, type: Company, name: Li\u00e8ge}\n".getBytes(StandardCharsets.ISO_8859_1));
        List<Problem> problems = validate(file, FactLimits.DEFAULT);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("not valid UTF-8"), problems::toString);
    }

    @Test
    void tagsNeverConstructJavaObjects() throws IOException {
        Path file = dir.resolve("tags.yaml");
        Files.writeString(file, "entities:\n  - {id: a, type: Company, name: !!javax.script.ScriptEngineManager [x]}\n");
        List<Problem> problems = validate(file, FactLimits.DEFAULT);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("`name` must be a single string, not a list"), problems::toString);
    }

    @Test
    void moreThanOneDocumentIsRefused() throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "entities: []\n---\nentities: []\n");
        List<Problem> problems = validate(file, FactLimits.DEFAULT);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(2, problems.get(0).position().line());
        assertTrue(problems.get(0).message().contains("one YAML document"), problems::toString);
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
