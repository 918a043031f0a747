package kg.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fact set big enough that its load runs for a while (and reports progress): a chain of companies. */
public final class BigFacts {

    private BigFacts() {
    }

    public static void write(Path folder, int entities) throws IOException {
        int perFile = 40_000;
        for (int file = 0; file * perFile < entities; file++) {
            try (Writer w = Files.newBufferedWriter(folder.resolve("part-" + file + ".yaml"))) {
                if (file == 0) {
                    w.write("sources:\n  - {id: s1, title: Bulk}\n");
                }
                w.write("entities:\n");
                for (int i = file * perFile; i < Math.min(entities, (file + 1) * perFile); i++) {
                    w.write("  - {id: c" + i + ", type: Company, name: Company " + i + "}\n");
                }
                w.write("relationships:\n");
                for (int i = Math.max(1, file * perFile); i < Math.min(entities, (file + 1) * perFile); i++) {
                    w.write("  - {type: OWNS, from: c" + (i - 1) + ", to: c" + i + ", share: 0.5, status: reported,"
                            + " sources: [s1]}\n");
                }
            }
        }
    }
}
