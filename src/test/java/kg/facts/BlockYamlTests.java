package kg.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import kg.generate.Generator;

/**
 * BlockYaml gives exactly SnakeYAML's events (kind, value, style, and where each node starts) for every text it
 * takes, and leaves to SnakeYAML whatever it does not read: checked on kg's own files, on chosen cases, and on
 * thousands of random edits of a fact file.
 */
class BlockYamlTests {

    private static final String FACTS = """
            # a comment
            sources:
              - id: src-1
                title: 'Registry extract: 2019'   # quoted, with a colon
                publisher: "Gazette"
                date: 2019-04

            entities:
            - id: co-1
              type: Company
              name: Acme #1 Holdings
              aliases: [Acme, 'Acme SA', "ACME"]
              founded:
              notes: it's fine, really
            relationships:
              - type: OWNS
                from: co-1
                to: co-2
                share: 0.5
                sources:
                - src-1
                asserted_by: []
              - type: CITIZEN_OF
                from: p-1
                to: country-9
                sources: [src-1]
            """;

    /** SnakeYAML's events for the text, as comparable lines; an error as the line "error". */
    private static List<String> snake(String text) {
        LoaderOptions options = new LoaderOptions();
        try {
            return events(new ParserImpl(new StreamReader(text), options));
        } catch (YAMLException e) {
            return List.of("error");
        }
    }

    private static List<String> events(Parser parser) {
        List<String> out = new ArrayList<>();
        while (true) {
            Event e = parser.getEvent();
            StringBuilder line = new StringBuilder(e.getEventId().toString());
            if (e instanceof ScalarEvent s) {
                line.append(' ').append(s.isPlain() ? "plain " : "quoted ").append('[').append(s.getValue()).append(']');
            }
            if (e instanceof ScalarEvent || e instanceof CollectionStartEvent) {
                line.append(" @").append(e.getStartMark().getLine()).append(':').append(e.getStartMark().getColumn());
            }
            out.add(line.toString());
            if (e.is(Event.ID.StreamEnd)) {
                return out;
            }
        }
    }

    /** BlockYaml's events, when it takes the text. */
    private static Optional<List<String>> block(String text) {
        return BlockYaml.of(text).map(BlockYamlTests::events);
    }

    private static void sameAsSnakeYaml(String text) {
        Optional<List<String>> mine = block(text);
        if (mine.isPresent()) {
            assertEquals(snake(text), mine.get(), () -> "events differ for:\n" + text);
        }
    }

    @Test
    void readsBlockStyleFactsAsSnakeYamlDoes() {
        assertTrue(block(FACTS).isPresent(), "block style is read here, not left to SnakeYAML");
        assertEquals(snake(FACTS), block(FACTS).get());
        assertTrue(block(FACTS.replace("\n", "\r\n")).isPresent(), "CR LF line ends");
        assertEquals(snake(FACTS.replace("\n", "\r\n")), block(FACTS.replace("\n", "\r\n")).get());
        assertEquals(List.of("StreamStart", "StreamEnd"), block("# nothing but a comment\n\n").orElseThrow());
        assertEquals(snake(""), block("").orElseThrow());
        assertEquals(snake("sources:"), block("sources:").orElseThrow());
    }

    @Test
    void generatedFilesAndTheSeedsAreReadAsSnakeYamlReadsThem(@TempDir Path dir) throws IOException {
        new Generator(new Generator.Settings(600, 3, 200, 10)).write(dir);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> generated = Files.list(dir); Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            generated.forEach(files::add);
            seeds.forEach(files::add);
        }
        int taken = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            Optional<List<String>> mine = block(text);
            if (mine.isPresent()) {
                taken++;
                assertEquals(snake(text), mine.get(), file.toString());
            } else {
                assertFalse(file.startsWith(dir), "a generated file is block style: " + file);
            }
        }
        assertTrue(taken > 4, "read here: " + taken + " of " + files.size());
    }

    @Test
    void leavesEverythingElseToSnakeYaml() {
        for (String text : List.of(
                "entities:\n  - {id: x, type: Company}\n",               // flow mapping
                "entities:\n  - &a\n    id: x\n",                        // anchor
                "entities:\n  - id: *a\n",                               // alias
                "entities:\n  - id: !!str 5\n",                          // tag
                "entities:\n  - notes: |\n      two\n      lines\n",     // block scalar
                "entities:\n  - name: Foo\n      Bar\n",                 // plain scalar over two lines
                "entities:\n  - name: 'Foo\n      Bar'\n",               // quoted over two lines
                "entities:\n  - name: \"a\\tb\"\n",                      // escape
                "entities:\n\t- id: x\n",                                // tab
                "---\nentities: []\n",                                   // document marker
                "entities:\n  - name: a: b\n",                           // not YAML
                "entities:\n  - id: x\n   type: Company\n",              // odd indentation
                "entities:\n  -\n    id: x\n",                           // entry below its dash
                "entities:\n  - id : x\n",                               // space before the colon
                "\ufeffentities: []\n",                                  // byte-order mark
                "entities:\n  - name: \ud83d\ude00\n",                   // outside the BMP
                "entities:\n  - name: a\u0085b\n",                       // NEL
                "  entities: []\n",                                      // indented top level
                "- id: x\n",                                             // a list at the top
                "entities: [a, [b]]\n",                                  // nested flow
                "entities: [a, ]\n",                                     // trailing comma
                "sources: x\nsources: y\n  z: 1\n")) {                   // deeper line after a value
            assertFalse(block(text).isPresent(), () -> "left to SnakeYAML: " + text);
        }
    }

    private static final int ROUNDS = Integer.getInteger("kg.blockYamlRounds", 4000);

    @Test
    void randomEditsOfAFactFileAreEitherLeftToSnakeYamlOrReadAsItReadsThem() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = " :-#'\"[],\nab0{}&*!|>.\r\t?%@`\\~";
        int taken = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String base = round % 2 == 0 ? FACTS : FACTS.replace("\n", "\r\n").replace("'Acme SA'", "'Acme''s SA'");
            StringBuilder text = new StringBuilder(base);
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> text.deleteCharAt(at);
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String edited = text.toString();
            Optional<List<String>> mine;
            try {
                mine = block(edited);
            } catch (RuntimeException e) {
                fail("BlockYaml failed on:\n" + edited, e);
                return;
            }
            if (mine.isPresent()) {
                taken++;
                assertEquals(snake(edited), mine.get(), () -> "events differ for:\n" + edited);
            }
        }
        assertTrue(taken > 1000, "most single edits stay block style: " + taken);
    }

    @Test
    void scalarsAndMarksMatchCaseByCase() {
        for (String text : List.of(
                "a: b\n", "a: 'it''s'\n", "a: ''\n", "a: \"\"\n", "a: x # c\n", "a: x#y\n", "a: http://x.org/a:b\n",
                "a: -5\n", "a: ~\n", "a:\nb: 1\n", "a: # nothing\nb: 1\n", "a:\n  b: 1\n  c: [x, 'y z', \"w\"]\n",
                "a:\n- 1\n- 2\nb: 3\n", "a:\n  -   x: 1\n      y: 2\n  - z\n", "a: [ ]\n", "a: [x,y]\n",
                "a: b   \n", "a: x [y] {z}\n", "a:    spaced\n", "a: 'q' # c\n", "a:\n\n  b: 1\n\n", "a: é ü 中\n")) {
            assertTrue(block(text).isPresent(), () -> "read here: " + text);
            sameAsSnakeYaml(text);
        }
    }
}
