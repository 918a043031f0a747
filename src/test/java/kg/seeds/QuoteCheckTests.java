package kg.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import kg.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kg validate --sources-dir`: quotes are found again in their source text, whitespace folded, or reported. */
class QuoteCheckTests {

    @TempDir
    Path dir;

    private Path write(String quote) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        // The source text has a no-break space and a line break where a curator types plain spaces.
        Files.writeString(sources.resolve("doc-1.txt"), "IPAC shared it with the UK\u2019s\u00a0The Mail\non Sunday.\n");
        Path facts = dir.resolve("facts.yaml");
        Files.writeString(facts, """
                sources:
                  - id: src-1
                    origin: doc-1
                    title: A document
                entities:
                  - id: mail-on-sunday
                    type: Organization
                    name: The Mail on Sunday
                  - id: united-kingdom
                    type: Country
                    name: United Kingdom
                relationships:
                  - type: LOCATED_IN
                    from: mail-on-sunday
                    to: united-kingdom
                    status: confirmed
                    sources:
                      - source: src-1
                        quote: "%s"
                """.formatted(quote));
        return facts;
    }

    @Test
    void quoteMatchesAcrossNoBreakSpacesAndLineBreaks() throws IOException {
        Path facts = write("the UK\u2019s The Mail on Sunday");
        Cli r = Cli.run("validate", "--sources-dir", dir.resolve("sources").toString(), facts.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void quoteNotInTheSourceIsReportedWithFileAndLine() throws IOException {
        Path facts = write("the UK's The Mail on Sunday");   // straight apostrophe: not what the text says
        Cli r = Cli.run("validate", "--sources-dir", dir.resolve("sources").toString(), facts.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(facts + ":19:"), r.err());
        assertTrue(r.err().contains("quote not found in doc-1.txt"), r.err());
    }
}
