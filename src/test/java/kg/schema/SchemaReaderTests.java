package kg.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaReaderTests {

    private final Schema schema = SchemaReader.builtIn();

    @Test
    void declaresTheNodeTypesInvestigatorsNeed() {
        List<String> labels = schema.nodeTypes().stream().map(NodeType::label).toList();
        assertEquals(List.of("Agency", "Company", "Country", "Law", "Organization", "Person", "Platform", "Site", "Source"),
                labels);
        assertTrue(schema.sourceType().isSource());
        assertTrue(schema.nodeType("Company").orElseThrow().properties().get("name").required(),
                "shared entity properties are merged into every entity type");
        assertFalse(schema.sourceType().properties().containsKey("name"));
    }

    @Test
    void relationshipTypesCarryTheirRules() {
        RelationshipType owns = schema.relationshipType("OWNS").orElseThrow();
        PropertySpec share = owns.properties().get("share");
        assertEquals(PropertyType.NUMBER, share.type());
        assertEquals(0.0, share.min());
        assertEquals(1.0, share.max());
        assertTrue(owns.ordered().contains(List.of("since", "until")));
        assertTrue(owns.ordered().contains(List.of("share_min", "share_max")));
        assertTrue(owns.allows("Person", "Company"), "groups expand to their member types");
        assertFalse(owns.allows("Company", "Person"));
        RelationshipType met = schema.relationshipType("MET_WITH").orElseThrow();
        assertFalse(met.directed());
        for (String type : List.of("OWNS", "CONTROLS", "SUBSIDIARY_OF", "OPERATES", "LOCATED_IN", "HOLDS_POSITION",
                "MEMBER_OF", "EMPLOYS", "OVERSEES", "MONITORS", "OBLIGES", "ENACTED", "ACCESSES_DATA", "INVESTS_IN",
                "AGREEMENT_WITH", "SANCTIONS", "MET_WITH", "ASSERTS", "DENIES")) {
            assertTrue(schema.relationshipType(type).isPresent(), type);
        }
    }

    @Test
    void statusesAreOrderedStrongestFirst() {
        assertEquals(List.of("confirmed", "reported", "alleged", "denied"), List.copyOf(schema.statuses().keySet()));
        assertEquals(List.of("confirmed", "reported"), schema.statusesAtLeast("reported"));
    }

    @Test
    void aBrokenSchemaNamesTheFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nodes"));
        Files.createDirectories(dir.resolve("relationships"));
        Files.writeString(dir.resolve("kg.yaml"), "statuses: {confirmed: yes}\n");
        Files.writeString(dir.resolve("nodes/source.yaml"), "node: Source\ndeclared-in: sources\nproperties: {}\n");
        Files.writeString(dir.resolve("relationships/x.yaml"), "relationship: X\nfrom: [Nope]\nto: [Nope]\n");
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaReader.read(dir));
        assertTrue(e.getMessage().contains("x.yaml: unknown node type or group Nope"), e.getMessage());
    }
}
