package kg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.facts.FactSet;
import kg.generate.Generator;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.testing.Cli;
import kg.testing.TestStores;

/** Reloading the files of the last load is answered from the stored manifest; any real change is loaded. */
class UnchangedReloadIT {

    private static final Schema SCHEMA = SchemaReader.builtIn();

    @TempDir
    static Path tmp;
    static EmbeddedStore store;
    static Path facts;

    @BeforeAll
    static void setUp() {
        facts = tmp.resolve("facts");
        new Generator(new Generator.Settings(600, 5, 200, 0)).write(facts);
        store = TestStores.open(tmp.resolve("store"));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    @Test
    void manifestDecidesWhetherAReloadCanBeSkipped() throws IOException {
        Loader loader = new Loader(store, SCHEMA);
        FactSet set = FactSet.of(List.of(facts));
        LoadReport first = loader.load(set);
        assertEquals(600, first.entities().created());

        Optional<LoadReport> again = loader.unchangedSinceLastLoad(set);
        assertTrue(again.isPresent(), "same files, same content: nothing to do");
        assertEquals(new LoadReport.Counts(0, 0, 0, 600), again.get().entities());
        assertEquals(first.relationships().created(), again.get().relationships().unchanged());
        assertFalse(again.get().changedAnything());

        // Touched but identical: the content hash still matches.
        Path file = facts.resolve("facts-00002.yaml");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertTrue(loader.unchangedSinceLastLoad(set).isPresent());

        // A subset of the files is a different load.
        assertTrue(loader.unchangedSinceLastLoad(FactSet.of(List.of(file))).isEmpty());

        // Edited content: a real load, which then records the new manifest.
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("(?m)^  - id: (\\S+)\\n    type: (\\w+)\\n",
                "  - id: $1\n    type: $2\n    description: Edited.\n"));
        assertTrue(loader.unchangedSinceLastLoad(set).isEmpty());
        LoadReport edited = loader.load(set);
        assertEquals(new LoadReport.Counts(0, 1, 0, 599), edited.entities());
        assertTrue(loader.unchangedSinceLastLoad(set).isPresent());

        // The manifest is kept beside the graph, not in it.
        long otherNodes = store.read(tx -> (Long) tx.run("MATCH (n) WHERE NOT n:Entity AND NOT n:Source RETURN count(n) AS n")
                .single().get("n"));
        assertEquals(0, otherNodes);
    }

    @Test
    void cliReloadReportsEverythingUnchanged() {
        Path dir = tmp.resolve("cli-store");
        Cli first = Cli.run("load", "--store", dir.toString(), facts.toString());
        assertEquals(0, first.exitCode(), first.err());
        Cli second = Cli.run("load", "--store", dir.toString(), facts.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().matches("(?s).*entities:\\s+0 created\\s+0 updated\\s+0 removed\\s+600 unchanged.*"), second.out());
    }
}
