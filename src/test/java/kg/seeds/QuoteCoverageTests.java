package kg.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.Schema;
import kg.schema.SchemaReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source texts are copyrighted: a quote is evidence that lets a program find the passage again, not a copy
 * of the text. So no single quote is long, and all the quotes from one document together cover only a small
 * part of it (every occurrence of every quote marked, overlaps counted once, whitespace folded in both).
 */
class QuoteCoverageTests {

    /** The five source texts beside the repository, as in SeedFactsIT. */
    static final Path SOURCES = Path.of("..", "shared", "sources");
    static final Path SEEDS = Path.of("seeds");

    static final double MAX_COVERAGE = 0.15;
    static final int MAX_QUOTE_CHARS = 100;

    /** The same folding as `kg validate --sources-dir`: runs of Unicode whitespace become one space. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /** Source id -> origin, and source id -> the quotes citing it, from the seeds as kg reads them. */
    static final Map<String, String> originOf = new TreeMap<>();
    static final Map<String, List<String>> quotesOf = new TreeMap<>();

    @BeforeAll
    static void readSeeds() {
        Schema schema = SchemaReader.builtIn();
        FactSet seeds = FactSet.of(List.of(SEEDS));
        FactSet.ValidationReport report = seeds.validate(schema, Optional.empty());
        assertTrue(report.valid(), () -> "seeds do not validate: " + report.problems());
        seeds.forEach(schema, new FactSet.FactHandler() {
            @Override
            public void source(Fact.Source s) {
                originOf.put(s.id(), String.valueOf(s.properties().get("origin")));
            }

            @Override
            public void relationship(Fact.Relationship r) {
                for (Fact.Citation c : r.citations()) {
                    if (c.quote() != null) {
                        quotesOf.computeIfAbsent(c.source(), s -> new ArrayList<>()).add(c.quote());
                    }
                }
            }
        });
    }

    static String fold(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    /** Share of the (folded) text covered by at least one occurrence of at least one (folded) quote. */
    static double coverage(String text, Collection<String> quotes) {
        String t = fold(text);
        boolean[] covered = new boolean[t.length()];
        for (String quote : quotes) {
            String q = fold(quote);
            if (q.isEmpty()) {
                continue;
            }
            for (int i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1)) {
                Arrays.fill(covered, i, i + q.length(), true);
            }
        }
        int n = 0;
        for (boolean c : covered) {
            n += c ? 1 : 0;
        }
        return t.isEmpty() ? 0 : (double) n / t.length();
    }

    private static String text(String sourceId) {
        Path file = SOURCES.resolve(originOf.get(sourceId) + ".txt");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("source text for " + sourceId + " expected at " + file.toAbsolutePath(), e);
        }
    }

    @Test
    void coverageCountsEveryOccurrenceOnceAndFoldsWhitespace() {
        assertEquals(0.4, coverage("ab ab cdef", List.of("ab")), 1e-9, "both occurrences: 4 of 10 chars");
        assertEquals(0.4, coverage("ab ab cdef", List.of("ab", "b", "ab")), 1e-9, "overlaps count once");
        assertEquals(0.6, coverage("ab\n\u00a0ab cdef", List.of("b ab c")), 1e-9, "whitespace folded in both");
        assertEquals(0.0, coverage("ab ab cdef", List.of("xyz")), 1e-9);
    }

    @Test
    void everyDocumentIsQuoted() {
        // Guards the other tests: coverage measured over nothing would pass vacuously.
        assertEquals(new TreeSet<>(originOf.keySet()), new TreeSet<>(quotesOf.keySet()));
        assertTrue(quotesOf.size() >= 5, "quoted sources: " + quotesOf.keySet());
    }

    @Test
    void noQuoteIsLongerThanOneHundredCharacters() {
        List<String> tooLong = quotesOf.values().stream().flatMap(List::stream).map(QuoteCoverageTests::fold)
                .filter(q -> q.length() > MAX_QUOTE_CHARS).distinct().toList();
        assertEquals(List.of(), tooLong);
    }

    @Test
    void quotesCoverAtMostFifteenPercentOfEachDocument() {
        Map<String, String> measured = new TreeMap<>();
        Map<String, String> over = new TreeMap<>();
        quotesOf.forEach((source, quotes) -> {
            double share = coverage(text(source), quotes);
            String shown = String.format("%.1f%%", 100 * share);
            measured.put(source, shown);
            if (share > MAX_COVERAGE) {
                over.put(source, shown);
            }
        });
        assertEquals(Map.of(), over, "quote coverage per document (limit 15%): " + measured);
    }
}
