package kg.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the client sizes a load, to run large ones in-process: the fact files the load would read, nothing else. */
class ClientTests {

    @TempDir
    Path tmp;

    @Test
    void factBytesCountsTheYamlFilesALoadReadsAndNotOptionValues() throws IOException {
        Path facts = Files.createDirectories(tmp.resolve("facts/nested"));
        Files.writeString(facts.resolve("a.yaml"), "x".repeat(100));
        Files.writeString(facts.resolve("b.yml"), "x".repeat(20));
        Files.writeString(facts.resolve("notes.txt"), "x".repeat(1000));
        Path single = Files.writeString(tmp.resolve("one.yaml"), "x".repeat(7));
        Path schema = Files.createDirectories(tmp.resolve("schema"));
        Files.writeString(schema.resolve("kg.yaml"), "x".repeat(5000));
        Path store = Files.createDirectories(tmp.resolve("store"));
        Files.writeString(store.resolve("stray.yaml"), "x".repeat(3000));

        assertEquals(127, Client.factBytes(List.of("load", "--store", store.toString(), "--schema", schema.toString(),
                tmp.resolve("facts").toString(), single.toString(), "--page-cache", "64m")));
        assertEquals(7, Client.factBytes(List.of("load", "--", single.toString(), tmp.resolve("missing").toString())));
        assertEquals(0, Client.factBytes(List.of("load", "--help")));
    }
}
