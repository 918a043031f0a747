package kg.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds each quote again in the text of its source: {@code DIR/<origin>.txt}, compared with runs of
 * whitespace folded to one space, so that a program can always point back at the words a fact rests on.
 */
final class QuoteChecker {

    /** Unicode-aware, so that a no-break space in a source text matches the plain space a curator types. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Path dir;
    private final Map<String, String> texts = new HashMap<>();

    QuoteChecker(Path dir) {
        this.dir = dir;
    }

    void check(List<Fact.Citation> quoted, Map<String, String> originOf, Consumer<Problem> problems) {
        for (Fact.Citation c : quoted) {
            String origin = originOf.get(c.source());
            if (origin == null) {
                continue; // undeclared source, reported already
            }
            Path file = dir.resolve(origin + ".txt");
            String text = texts.computeIfAbsent(origin, o -> read(file));
            if (text == null) {
                problems.accept(new Problem(c.position(), "source text " + file + " not found for source `" + c.source() + "`"));
            } else if (!text.contains(fold(c.quote()))) {
                problems.accept(new Problem(c.position(), "quote not found in " + file.getFileName() + ": \""
                        + abbreviate(c.quote()) + "\""));
            }
        }
    }

    static String fold(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    private static String read(Path file) {
        try {
            return fold(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String f = fold(s);
        return f.length() <= 80 ? f : f.substring(0, 77) + "...";
    }
}
