package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import kg.schema.Schema;
import kg.schema.SchemaReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of problem validation reports, each asserting the file, line, column and message. */
class FactValidationTests {

    static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSchema() {
        schema = SchemaReader.builtIn();
    }

    static final String HEADER = """
            sources:
              - id: s1
                title: A report
            entities:
              - {id: acme, type: Company, name: Acme}
              - {id: beta, type: Company, name: Beta}
              - {id: ann, type: Person, name: Ann}
              - {id: be, type: Country, name: Belgium}
            relationships:
            """; // relationships start at line 10

    private List<Problem> problems(String yaml) throws IOException {
        return problems(Optional.empty(), yaml);
    }

    private List<Problem> problems(Optional<Path> sources, String yaml) throws IOException {
        Path file = dir.resolve("facts.yaml");
        Files.writeString(file, yaml);
        return FactSet.of(List.of(file)).validate(schema, sources).problems();
    }

    private void assertOnly(List<Problem> problems, int line, int column, String messagePart) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        Problem p = problems.get(0);
        assertEquals(dir.resolve("facts.yaml").toString(), p.position().file());
        assertEquals(line, p.position().line(), p::toString);
        assertEquals(column, p.position().column(), p::toString);
        assertTrue(p.message().contains(messagePart), () -> "message was: " + p.message());
    }

    @Test
    void validFactsHaveNoProblems() throws IOException {
        assertEquals(List.of(), problems(HEADER + """
                  - {type: OWNS, from: acme, to: beta, share: 0.5, status: confirmed, sources: [s1]}
                  - type: HOLDS_POSITION
                    from: ann
                    to: acme
                    role: CEO
                    since: 2018-06
                    until: 2020
                    status: reported
                    sources:
                      - {source: s1, quote: "a short quote"}
                """));
    }

    @Test
    void yamlSyntaxError() throws IOException {
        assertOnly(problems("entities:\n  - {id: acme, type: Company, name: Acme\n  - x: [\n"), 3, 6, "YAML syntax error");
    }

    @Test
    void unknownNodeTypeSuggestsTheClosest() throws IOException {
        assertOnly(problems("entities:\n  - id: acme\n    type: Compnay\n    name: Acme\n"), 3, 11,
                "unknown node type `Compnay` (did you mean `Company`?)");
    }

    @Test
    void unknownRelationshipType() throws IOException {
        assertOnly(problems(HEADER + "  - {type: BRIBES, from: acme, to: beta, status: alleged, sources: [s1]}\n"),
                10, 12, "unknown relationship type `BRIBES`");
    }

    @Test
    void missingRequiredProperty() throws IOException {
        assertOnly(problems("entities:\n  - id: acme\n    type: Company\n"), 2, 5, "missing required property `name` for Company");
    }

    @Test
    void unknownProperty() throws IOException {
        assertOnly(problems("entities:\n  - id: acme\n    type: Company\n    name: Acme\n    sectr: retail\n"), 5, 5,
                "unknown property `sectr` for Company (did you mean `sector`?)");
    }

    @Test
    void wrongValueTypes() throws IOException {
        List<Problem> found = problems(HEADER + """
                  - {type: EMPLOYS, from: acme, to: ann, count: 12.5, status: reported, sources: [s1]}
                  - {type: OWNS, from: acme, to: beta, share: half, status: reported, sources: [s1]}
                  - {type: OWNS, from: ann, to: beta, share: [0.1], status: reported, sources: [s1]}
                """);
        assertEquals(3, found.size(), found::toString);
        assertEquals(10, found.get(0).position().line());
        assertTrue(found.get(0).message().contains("`count` must be a whole number, got `12.5`"), found::toString);
        assertEquals(11, found.get(1).position().line());
        assertTrue(found.get(1).message().contains("`share` must be a number, got `half`"), found::toString);
        assertTrue(found.get(2).message().contains("`share` must be a single number, not a list"), found::toString);
    }

    @Test
    void enumValueNotAllowed() throws IOException {
        assertOnly(problems("entities:\n  - {id: v, type: Agency, name: V, kind: spies}\n"), 2, 42,
                "`kind`: `spies` is not one of");
    }

    @Test
    void relationshipEndpointsOfTypesTheSchemaDoesNotAllow() throws IOException {
        assertOnly(problems(HEADER + "  - {type: HOLDS_POSITION, from: acme, to: ann, role: CEO, status: reported, sources: [s1]}\n"),
                10, 5, "HOLDS_POSITION cannot join Company `acme` to Person `ann`");
    }

    @Test
    void referenceToUndeclaredIdOrSource() throws IOException {
        List<Problem> found = problems(HEADER + "  - {type: OWNS, from: acme, to: betta, status: reported, sources: [s2]}\n");
        assertEquals(2, found.size(), found::toString);
        assertEquals(new Position(dir.resolve("facts.yaml").toString(), 10, 34), found.get(0).position());
        assertTrue(found.get(0).message().contains("undeclared id `betta` (did you mean `beta`?)"), found::toString);
        assertTrue(found.get(1).message().contains("undeclared source `s2`"), found::toString);
    }

    @Test
    void sourceCitedAsEntityIsReported() throws IOException {
        assertOnly(problems(HEADER + "  - {type: OWNS, from: s1, to: beta, status: reported, sources: [s1]}\n"), 10, 24,
                "`s1` is a source, not an entity");
    }

    @Test
    void duplicateIdWithConflictingContentAcrossFiles() throws IOException {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, "entities:\n  - {id: acme, type: Company, name: Acme}\n");
        Files.writeString(b, "entities:\n  - {id: acme, type: Company, name: Acme}\n  - {id: acme, type: Company, name: ACME Inc}\n");
        List<Problem> found = FactSet.of(List.of(dir)).validate(schema, Optional.empty()).problems();
        assertEquals(1, found.size(), found::toString);
        assertEquals(b.toString(), found.get(0).position().file());
        assertEquals(3, found.get(0).position().line());
        assertTrue(found.get(0).message().contains("duplicate id `acme` with conflicting content (first declared at "
                + a + ":2:5)"), found::toString);
    }

    @Test
    void duplicateRelationshipNeedsItsOwnId() throws IOException {
        assertOnly(problems(HEADER + """
                  - {type: HOLDS_POSITION, from: ann, to: acme, role: CEO, status: reported, sources: [s1]}
                  - {type: HOLDS_POSITION, from: ann, to: acme, role: CFO, status: reported, sources: [s1]}
                  - {id: ann-cfo-2, type: HOLDS_POSITION, from: ann, to: acme, role: CFO, status: reported, sources: [s1]}
                """), 11, 5, "duplicate relationship `HOLDS_POSITION:ann->acme` with conflicting content");
    }

    @Test
    void badAndImpossibleDates() throws IOException {
        List<Problem> found = problems("entities:\n  - {id: a, type: Company, name: A, founded: 2018-13}\n"
                + "  - {id: b, type: Company, name: B, founded: 2023-02-30}\n"
                + "  - {id: c, type: Company, name: C, founded: last year}\n");
        assertEquals(3, found.size(), found::toString);
        assertTrue(found.get(0).message().contains("impossible date `2018-13`: month 13 is not 1 to 12"), found::toString);
        assertTrue(found.get(1).message().contains("impossible date `2023-02-30`: February 2023 has no day 30"), found::toString);
        assertTrue(found.get(2).message().contains("bad date `last year`"), found::toString);
        assertEquals(4, found.get(2).position().line());
    }

    @Test
    void untilBeforeSince() throws IOException {
        assertOnly(problems(HEADER + "  - {type: HOLDS_POSITION, from: ann, to: acme, role: CEO, since: 2020-03, until: 2019,"
                + " status: reported, sources: [s1]}\n"), 10, 83, "`until` (2019) is before `since` (2020-03)");
    }

    @Test
    void partialDatesOverlappingAreNotReversed() throws IOException {
        assertEquals(List.of(), problems(HEADER + "  - {type: HOLDS_POSITION, from: ann, to: acme, role: CEO, since: 2020-03,"
                + " until: 2020, status: reported, sources: [s1]}\n"));
    }

    @Test
    void shareOutsideZeroToOne() throws IOException {
        assertOnly(problems(HEADER + "  - {type: OWNS, from: acme, to: beta, share: 30, status: reported, sources: [s1]}\n"),
                10, 47, "`share` is 30, outside 0..1");
    }

    @Test
    void shareMinAboveMax() throws IOException {
        assertOnly(problems(HEADER + "  - {type: OWNS, from: acme, to: beta, share_min: 0.5, share_max: 0.2, status: reported,"
                + " sources: [s1]}\n"), 10, 67, "`share_max` (0.2) is below `share_min` (0.5)");
    }

    @Test
    void relationshipWithoutSource() throws IOException {
        assertOnly(problems(HEADER + "  - {type: OWNS, from: acme, to: beta, status: reported}\n"), 10, 5,
                "relationship without a source");
    }

    @Test
    void unknownStatus() throws IOException {
        assertOnly(problems(HEADER + "  - {type: OWNS, from: acme, to: beta, status: rumoured, sources: [s1]}\n"), 10, 48,
                "unknown status `rumoured`; one of: confirmed, reported, alleged, denied");
    }

    @Test
    void reportsEveryProblemAtOnceSortedByPlace() throws IOException {
        Files.writeString(dir.resolve("b.yaml"), "entities:\n  - {id: x, type: Thing, name: X}\n");
        Files.writeString(dir.resolve("a.yaml"), HEADER + "  - {type: OWNS, from: acme, to: nobody, status: reported}\n"
                + "  - {type: OWNS, from: acme, to: beta, share: 2, status: reported, sources: [s1]}\n");
        List<Problem> found = FactSet.of(List.of(dir)).validate(schema, Optional.empty()).problems();
        assertEquals(4, found.size(), found::toString);
        assertTrue(found.get(0).position().file().endsWith("a.yaml"));
        assertEquals(10, found.get(0).position().line());
        assertTrue(found.get(3).position().file().endsWith("b.yaml"));
        assertTrue(found.get(3).message().contains("unknown node type `Thing`"));
    }

    @Test
    void quotesAreCheckedAgainstSourceTexts() throws IOException {
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(texts.resolve("doc-1.txt"), "The agency said it   was\nmonitoring the company closely.");
        String yaml = """
                sources:
                  - {id: s1, title: Doc, origin: doc-1}
                  - {id: s2, title: Missing text}
                entities:
                  - {id: a, type: Agency, name: A}
                  - {id: c, type: Company, name: C}
                relationships:
                  - type: MONITORS
                    from: a
                    to: c
                    status: reported
                    sources:
                      - {source: s1, quote: "it was monitoring the company"}
                      - {source: s1, quote: "it was watching the company"}
                      - {source: s2, quote: "anything"}
                """;
        List<Problem> found = problems(Optional.of(texts), yaml);
        assertEquals(2, found.size(), found::toString);
        assertEquals(14, found.get(0).position().line());
        assertTrue(found.get(0).message().contains("quote not found in doc-1.txt: \"it was watching the company\""));
        assertEquals(15, found.get(1).position().line());
        assertTrue(found.get(1).message().contains("s2.txt not found"), found::toString);
    }
}
