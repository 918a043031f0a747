package kg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kg.facts.FactSet;
import kg.facts.Problem;
import kg.generate.Generator;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import kg.store.EmbeddedStore;
import kg.testing.Cli;
import kg.testing.GraphDump;
import kg.testing.TestStores;

/**
 * A load reads only the files that changed since the last one and leaves the rest unread, with the same graph
 * and the same report as reading them all; whatever the unread files would make a problem is still one,
 * reported where reading every file reports it. Run twice: finding the stored facts the load may change by
 * reading every stored id ({@link PartialLoadScanningIT}), and from the last load's record ({@link PartialLoadFromRecordIT}).
 */
abstract class PartialLoadIT {

    /** The loader under test, set to find stored facts one way. */
    abstract Loader loader(EmbeddedStore store);

    static final Schema SCHEMA = SchemaReader.builtIn();

    private static final String A = """
            sources:
              - {id: s1, title: Registry extract}
            entities:
              - {id: x, type: Company, name: X Holding}
              - {id: y, type: Company, name: Y Ltd}
              - {id: p, type: Person, name: Pat Doe}
            """;
    private static final String B = """
            relationships:
              - {type: OWNS, from: x, to: y, share: 0.5, status: confirmed, sources: [s1]}
              - {type: HOLDS_POSITION, from: p, to: x, role: Director, status: reported, sources: [s1]}
            """;
    private static final String C = """
            entities:
              - {id: z, type: Company, name: Z Group}
            relationships:
              - {type: OWNS, from: z, to: x, share: 0.2, status: alleged, asserted_by: [p], sources: [s1]}
            """;

    @TempDir
    static Path tmp;
    static EmbeddedStore store;
    static EmbeddedStore reference;
    private static int sets;

    @BeforeAll
    static void open() {
        store = TestStores.open(tmp.resolve("store"));
        reference = TestStores.open(tmp.resolve("reference"));
    }

    @AfterAll
    static void close() {
        store.close();
        reference.close();
    }

    /**
     * A new folder of fact files, loaded into an emptied store (all read: the last load's record has no files,
     * and files with another set's content at another path would otherwise be taken for moved ones).
     */
    private Path loaded(String a, String b, String c) throws IOException {
        loader(store).load(FactSet.of(List.of()));
        Path dir = Files.createDirectories(tmp.resolve("set-" + ++sets));
        Files.writeString(dir.resolve("a.yaml"), a);
        Files.writeString(dir.resolve("b.yaml"), b);
        Files.writeString(dir.resolve("c.yaml"), c);
        LoadReport first = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, first.filesRead());
        return dir;
    }

    /** The graph a load reading every file makes of these facts, in an empty store. */
    private static String fullLoad(FactSet facts) {
        new Loader(reference, SCHEMA).load(FactSet.of(List.of()));
        new Loader(reference, SCHEMA).load(facts);
        return GraphDump.of(reference);
    }

    @Test
    void onlyChangedFilesAreReadAndTheGraphIsWhatReadingAllMakes() throws IOException {
        Path dir = loaded(A, B, C);
        Files.writeString(dir.resolve("c.yaml"), C.replace("share: 0.2", "share: 0.3")
                + "  - {type: OWNS, from: z, to: y, share: 0.1, status: reported, sources: [s1]}\n");
        Files.writeString(dir.resolve("d.yaml"), "entities:\n  - {id: w, type: Company, name: W Corp}\n");
        FactSet facts = FactSet.of(List.of(dir));

        LoadReport partial = loader(store).load(facts);
        assertEquals(2, partial.filesRead(), "c.yaml changed, d.yaml is new; a.yaml and b.yaml are not read");
        assertEquals(new LoadReport.Counts(1, 0, 0, 4), partial.entities());
        assertEquals(new LoadReport.Counts(1, 1, 0, 2), partial.relationships());
        assertEquals(new LoadReport.Counts(0, 0, 0, 1), partial.sources());
        assertEquals(fullLoad(facts), GraphDump.of(store));

        // The next load knows the files as they are now: nothing to read.
        LoadReport again = loader(store).load(facts);
        assertEquals(0, again.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 0, 5), again.entities());

        // A file dropped from the set: its facts go, and only what refers to them would need reading.
        Files.delete(dir.resolve("d.yaml"));
        LoadReport dropped = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(0, dropped.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 1, 4), dropped.entities());
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void filesMovedToAnotherFolderOrRenamedAreNotReadAgain() throws IOException {
        Path dir = loaded(A, B, C);
        String before = GraphDump.of(store);
        Path moved = Files.createDirectories(tmp.resolve("moved-" + sets));
        for (String name : List.of("a.yaml", "b.yaml", "c.yaml")) {
            Files.move(dir.resolve(name), moved.resolve(name));
        }
        LoadReport load = loader(store).load(FactSet.of(List.of(moved)));
        assertEquals(0, load.filesRead(), "the same bytes at other paths declare the same facts");
        assertEquals(new LoadReport.Counts(0, 0, 0, 4), load.entities());
        assertEquals(new LoadReport.Counts(0, 0, 0, 3), load.relationships());
        assertEquals(before, GraphDump.of(store));

        // Recorded at their new paths: an edit there reads that file alone.
        Files.writeString(moved.resolve("c.yaml"), C.replace("share: 0.2", "share: 0.3"));
        LoadReport edited = loader(store).load(FactSet.of(List.of(moved)));
        assertEquals(1, edited.filesRead());
        assertEquals(new LoadReport.Counts(0, 1, 0, 2), edited.relationships());

        // a.yaml renamed, and a new file in its place: the new one is read, the renamed one is not.
        Files.move(moved.resolve("a.yaml"), moved.resolve("a-renamed.yaml"));
        Files.writeString(moved.resolve("a.yaml"), "entities:\n  - {id: w, type: Company, name: W Corp}\n");
        LoadReport renamed = loader(store).load(FactSet.of(List.of(moved)));
        assertEquals(1, renamed.filesRead());
        assertEquals(new LoadReport.Counts(1, 0, 0, 4), renamed.entities());
        assertEquals(fullLoad(FactSet.of(List.of(moved))), GraphDump.of(store));

        // A copy of a loaded file beside it is read (one recorded file stands for one file only): a repeat, no change.
        Files.copy(moved.resolve("b.yaml"), moved.resolve("b-copy.yaml"));
        LoadReport copied = loader(store).load(FactSet.of(List.of(moved)));
        assertEquals(1, copied.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 0, 3), copied.relationships());
        assertEquals(fullLoad(FactSet.of(List.of(moved))), GraphDump.of(store));
    }

    @Test
    void aLargerGeneratedRevisionLoadsToTheSameGraphAndReport() throws IOException {
        Path dir = tmp.resolve("generated");
        new Generator(new Generator.Settings(1_500, 9, 250, 0)).write(dir);
        loader(store).load(FactSet.of(List.of(dir)));
        new Loader(reference, SCHEMA).load(FactSet.of(List.of()));
        new Loader(reference, SCHEMA).load(FactSet.of(List.of(dir)));
        // Reading every file is forced on the reference store by taking away its record of the files.
        reference.noteBytes(LastLoad.FACTS_NOTE, null);

        // Edits in the last third of the files, added entities in new ones.
        new Generator(new Generator.Settings(1_500, 9, 250, 10, 33)).write(dir);
        LoadReport partial = loader(store).load(FactSet.of(List.of(dir)));
        LoadReport full = new Loader(reference, SCHEMA).load(FactSet.of(List.of(dir)));
        assertEquals(7, full.filesRead());
        assertEquals(3, partial.filesRead(), "two edited files and the new one");
        assertEquals(new LoadReport(full.sources(), full.entities(), full.relationships(), 3), partial);
        assertTrue(partial.entities().updated() > 40, partial.toString());
        assertEquals(GraphDump.of(reference), GraphDump.of(store));
    }

    @Test
    void removingAnIdAnUnreadFileRefersToIsReportedThere() throws IOException {
        Path dir = loaded(A, B, C);
        String before = GraphDump.of(store);
        Files.writeString(dir.resolve("a.yaml"), A.replace("  - {id: y, type: Company, name: Y Ltd}\n", ""));
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> loader(store).load(FactSet.of(List.of(dir))));
        assertEquals(List.of(dir.resolve("b.yaml") + ":2:31: reference to undeclared id `y` (did you mean `p`?)"),
                e.report().problems().stream().map(Problem::toString).toList());
        assertEquals(before, GraphDump.of(store), "nothing changed");
    }

    @Test
    void retypingAnEntityAnUnreadRelationshipJoinsIsCheckedThere() throws IOException {
        Path dir = loaded(A, B, C);
        Files.writeString(dir.resolve("a.yaml"), A.replace("{id: y, type: Company, name: Y Ltd}", "{id: y, type: Person, name: Y Ltd}"));
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> loader(store).load(FactSet.of(List.of(dir))));
        assertEquals(1, e.report().problems().size(), e.report().problems().toString());
        String problem = e.report().problems().get(0).toString();
        assertTrue(problem.startsWith(dir.resolve("b.yaml") + ":2:5: OWNS cannot join Company `x` to Person `y`"), problem);
    }

    @Test
    void aChangedFileConflictingWithAnUnreadOneNamesTheFirstDeclaration() throws IOException {
        Path dir = loaded(A, B, C);
        Files.writeString(dir.resolve("c.yaml"), C.replace("entities:\n", "entities:\n  - {id: x, type: Company, name: X Holding SA}\n"));
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> loader(store).load(FactSet.of(List.of(dir))));
        assertEquals(List.of(dir.resolve("c.yaml") + ":2:5: duplicate id `x` with conflicting content (first declared at "
                + dir.resolve("a.yaml") + ":4:5)"), e.report().problems().stream().map(Problem::toString).toList());

        // Declared again with the same content is no problem, and changes nothing.
        Files.writeString(dir.resolve("c.yaml"), C.replace("entities:\n", "entities:\n  - {id: x, type: Company, name: X Holding}\n"));
        LoadReport same = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(1, same.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 0, 4), same.entities());
    }

    @Test
    void aFactAChangedFileNoLongerDeclaresStaysWhileAnUnreadFileDeclaresIt() throws IOException {
        String cWithRepeats = C.replace("entities:\n", "entities:\n  - {id: x, type: Company, name: X Holding}\n"
                + "  - {id: v, type: Company, name: V Fund}\n")
                + "  - {type: OWNS, from: x, to: y, share: 0.5, status: confirmed, sources: [s1]}\n";
        Path dir = loaded(A, B, cWithRepeats);
        Files.writeString(dir.resolve("c.yaml"), C);
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(1, load.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 1, 4), load.entities(), "v goes; x stays, a.yaml declares it");
        assertEquals(new LoadReport.Counts(0, 0, 0, 3), load.relationships(), "OWNS x->y stays, b.yaml declares it");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void aRelationshipAnUnreadFileDeclaresIsARepeatOrAConflictInAChangedOne() throws IOException {
        Path dir = loaded(A, B, C);
        String repeat = "  - {type: OWNS, from: x, to: y, share: 0.5, status: confirmed, sources: [s1]}\n";
        Files.writeString(dir.resolve("c.yaml"), C + repeat);
        LoadReport same = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(1, same.filesRead());
        assertEquals(new LoadReport.Counts(0, 0, 0, 3), same.relationships());

        String before = GraphDump.of(store);
        Files.writeString(dir.resolve("c.yaml"), C + repeat.replace("0.5", "0.6"));
        InvalidFacts e = assertThrows(InvalidFacts.class, () -> loader(store).load(FactSet.of(List.of(dir))));
        assertEquals(List.of(dir.resolve("c.yaml") + ":5:5: duplicate relationship `OWNS:x->y` with conflicting content"
                + " (first at " + dir.resolve("b.yaml") + ":2:5); give each one its own `id`"),
                e.report().problems().stream().map(Problem::toString).toList());
        assertEquals(before, GraphDump.of(store), "nothing changed");
    }

    @Test
    void aRelationshipWhoseEndMovedOrThatIsGoneIsDeletedWhereItWas() throws IOException {
        String c = C + "  - {id: own-1, type: OWNS, from: z, to: y, share: 0.1, status: reported, sources: [s1]}\n"
                + "  - {type: HOLDS_POSITION, from: p, to: z, role: Adviser, status: reported, sources: [s1]}\n";
        Path dir = loaded(A, B, c);
        Files.writeString(dir.resolve("c.yaml"), C + "  - {id: own-1, type: OWNS, from: x, to: z, share: 0.1,"
                + " status: reported, sources: [s1]}\n");
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(1, load.filesRead());
        assertEquals(new LoadReport.Counts(0, 1, 1, 3), load.relationships(), "own-1 moved to x -> z; the position is gone");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void whenEveryFileChangedTheGraphIsStillWhatReadingAllMakes() throws IOException {
        Path dir = loaded(A, B, C);
        Files.writeString(dir.resolve("a.yaml"), A.replace("Pat Doe", "Pat Q. Doe"));
        Files.writeString(dir.resolve("b.yaml"), B.replace("share: 0.5", "share: 0.55").replace("to: x, role", "to: y, role"));
        Files.writeString(dir.resolve("c.yaml"), C.replace("share: 0.2", "share: 0.3"));
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead());
        assertEquals(new LoadReport.Counts(0, 1, 0, 3), load.entities(), "p renamed");
        assertEquals(new LoadReport.Counts(1, 2, 1, 0), load.relationships(), "two shares changed; the position moved (a new key)");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void aStoreChangedBehindKgsBackIsMadeWholeByReadingEveryFile() throws IOException {
        Path dir = loaded(A, B, C);
        store.write(tx -> tx.run("MATCH ()-[r:OWNS {key: 'OWNS:x->y'}]->() DELETE r RETURN count(*) AS n").list());
        Files.writeString(dir.resolve("c.yaml"), C.replace("share: 0.2", "share: 0.25"));
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead(), "the store no longer holds what b.yaml declared: every file is read");
        assertEquals(new LoadReport.Counts(1, 1, 0, 1), load.relationships());
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void anIdAnUnreadFileDeclaresThatTheStoreLostIsFoundOutAndEveryFileRead() throws IOException {
        Path dir = loaded(A + "  - {id: q, type: Company, name: Q Trust}\n", B, C);
        // Same counts, one id changed outside kg: the record of a.yaml still says it declares q.
        renameOutsideKgAndReferToIt(dir, "q");
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead(), "q is not in the store, though the record says a.yaml declares it: every file is read");
        assertEquals(new LoadReport.Counts(1, 0, 1, 4), load.entities(), "q made again, q-renamed gone");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void aRelationshipOnANodeWhoseIdChangedBehindKgsBackIsWrittenAgainBetweenTheDeclaredEnds() throws IOException {
        Path dir = loaded(A, B, C);
        // Same counts; b.yaml's OWNS x->y now ends at a node whose id no file declares, with its key and hash as they were.
        renameOutsideKgAndReferToIt(dir, "y");
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead(), "y is not in the store, though a.yaml declares it: every file is read");
        assertEquals(new LoadReport.Counts(1, 0, 1, 3), load.entities(), "y made again, y-renamed gone");
        assertEquals(new LoadReport.Counts(1, 1, 0, 2), load.relationships(), "z -> y is new; x -> y written again");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store), "x -> y is there, between x and y");
    }

    @Test
    void relationshipsLeftBetweenSwappedIdsBehindKgsBackAreWrittenAgainBetweenTheDeclaredEnds() throws IOException {
        Path dir = loaded(A, B, C);
        // x and y swap ids outside kg: OWNS x->y now runs from the node called y to the one called x, and the
        // position and z's share end at the node called y, every key and content hash as it was. One
        // relationship deleted besides, so that the store no longer holds what the last load left. Every file
        // is read, so that no unread file vouches for a fact: a comment is content too.
        store.write(tx -> tx.run("""
                MATCH (x:Entity {id: 'x'}), (y:Entity {id: 'y'})
                SET x.id = 'swapping' SET y.id = 'x' SET x.id = 'y'
                WITH 1 AS done MATCH ()-[r:OWNS {key: 'OWNS:z->x'}]->() DELETE r RETURN count(*) AS n""").list());
        Files.writeString(dir.resolve("a.yaml"), A + "# checked\n");
        Files.writeString(dir.resolve("b.yaml"), B + "# checked\n");
        Files.writeString(dir.resolve("c.yaml"), C.replace("share: 0.2", "share: 0.25"));
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead());
        assertEquals(new LoadReport.Counts(0, 2, 0, 2), load.entities(), "x and y have each other's names back");
        assertEquals(new LoadReport.Counts(1, 2, 0, 0), load.relationships(),
                "z -> x made again; x -> y and the position written again between their declared ends");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    @Test
    void aRelationshipMovedBehindKgsBackOntoAnEntityAChangedFileDropsMakesEveryFileRead() throws IOException {
        Path dir = loaded(A, B, C.replace("entities:\n", "entities:\n  - {id: w, type: Company, name: W Shell}\n"));
        // Outside kg, b.yaml's OWNS x->y is made to end at w instead (same key and properties, same counts).
        store.write(tx -> tx.run("""
                MATCH (x:Entity {id: 'x'})-[r:OWNS {key: 'OWNS:x->y'}]->(), (w:Entity {id: 'w'})
                CREATE (x)-[moved:OWNS]->(w) SET moved = properties(r) DELETE r RETURN count(*) AS n""").list());
        Files.writeString(dir.resolve("c.yaml"), C); // w is dropped; b.yaml, which declares x->y, is not read
        LoadReport load = loader(store).load(FactSet.of(List.of(dir)));
        assertEquals(3, load.filesRead(), "removing w would take x->y along, and b.yaml is unread: every file is read");
        assertEquals(new LoadReport.Counts(0, 0, 1, 4), load.entities(), "w removed");
        assertEquals(new LoadReport.Counts(0, 1, 0, 2), load.relationships(), "x -> y written again between x and y");
        assertEquals(fullLoad(FactSet.of(List.of(dir))), GraphDump.of(store));
    }

    /** Renames entity {@code id} to {@code id-renamed} in the store, not the files, and adds OWNS z -> id to c.yaml. */
    private static void renameOutsideKgAndReferToIt(Path dir, String id) throws IOException {
        store.write(tx -> tx.run("MATCH (n:Entity {id: $id}) SET n.id = $id + '-renamed' RETURN count(*) AS n",
                Map.of("id", id)).list());
        Files.writeString(dir.resolve("c.yaml"), C + "  - {type: OWNS, from: z, to: " + id
                + ", share: 0.1, status: reported, sources: [s1]}\n");
    }

    @Test
    void cliSaysWhichFilesWereNotRead() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cli-set"));
        Files.writeString(dir.resolve("a.yaml"), A);
        Files.writeString(dir.resolve("b.yaml"), B);
        String storeDir = tmp.resolve("cli-store").toString();
        assertEquals(0, Cli.run("load", "--store", storeDir, dir.toString()).exitCode());
        Files.writeString(dir.resolve("c.yaml"), C);
        Cli second = Cli.run("load", "--store", storeDir, dir.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().startsWith("loaded 3 files (2 unchanged since the last load, not read) into "), second.out());
        assertTrue(second.out().matches("(?s).*entities:\\s+1 created\\s+0 updated\\s+0 removed\\s+3 unchanged.*"), second.out());
    }
}
