package kg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kg.testing.Cli;
import org.junit.jupiter.api.Test;

/** Commands that need no store: help, version, schema. */
class CommandLineTests {

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"validate", "load", "stats", "schema"}) {
            Cli help = Cli.run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: kg " + command), help.out());
        }
        Cli top = Cli.run("--help");
        assertTrue(top.out().contains("validate") && top.out().contains("load") && top.out().contains("stats"), top.out());
    }

    @Test
    void versionNamesKgAndNeo4j() {
        Cli version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("(?s)kg \\d+\\.\\d+\\.\\d+.*\nNeo4j 5\\.26\\.\\d+ \\(embedded\\)\n"), version.out());
    }

    @Test
    void schemaPrintsTypesPropertiesAndRules() {
        Cli schema = Cli.run("schema");
        assertEquals(0, schema.exitCode(), schema.err());
        assertTrue(schema.out().contains("(Actor|Agency|") == false, "groups are expanded to types");
        assertTrue(schema.out().contains("(Agency|Company|Country|Organization|Person)-[OWNS]->(Company|Platform|Site)"),
                schema.out());
        assertTrue(schema.out().matches("(?s).*\\n    share +number 0\\.\\.1 +Exact share.*"), schema.out());
        assertTrue(schema.out().contains("rule: share_min <= share_max"), schema.out());
        assertTrue(schema.out().contains("-[MET_WITH]-("), "undirected types print without an arrow");
        assertTrue(schema.out().contains("alleged    a suspicion or accusation"), schema.out());
    }

    @Test
    void aMissingSchemaFolderIsAUsageError() {
        Cli run = Cli.run("schema", "--schema", "/nonexistent/schema");
        assertEquals(2, run.exitCode());
        assertEquals("kg: /nonexistent/schema: no such schema folder\n", run.err());
    }
}
