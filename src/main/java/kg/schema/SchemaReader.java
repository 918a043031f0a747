package kg.schema;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import kg.Resources;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads graph-schema/: kg.yaml for shared rules, nodes/*.yaml and relationships/*.yaml one type a file. */
public final class SchemaReader {

    private SchemaReader() {
    }

    /** The schema shipped with kg (a copy of graph-schema/ inside the jar). */
    public static Schema builtIn() {
        return Resources.withDirectory("kg/graph-schema", SchemaReader::read);
    }

    public static Schema read(Path dir) {
        Map<String, Object> common = load(dir.resolve("kg.yaml"));
        Path commonFile = dir.resolve("kg.yaml");
        Map<String, String> statuses = new LinkedHashMap<>();
        map(common, "statuses", commonFile).forEach((k, v) -> statuses.put(k, String.valueOf(v)));
        if (statuses.isEmpty()) {
            throw new SchemaException(commonFile + ": no statuses declared");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        map(common, "groups", commonFile).forEach((k, v) -> groups.put(k, strings(v, commonFile, "groups." + k)));
        Map<String, PropertySpec> nodeCommon = properties(map(common, "node-properties", commonFile), commonFile);
        Map<String, PropertySpec> relCommon = properties(map(common, "relationship-properties", commonFile), commonFile);
        List<List<String>> orderedCommon = ordered(common.get("ordered"), commonFile);

        Map<String, NodeType> nodes = new LinkedHashMap<>();
        for (Path file : yamlFiles(dir.resolve("nodes"))) {
            Map<String, Object> m = load(file);
            String label = requiredString(m, "node", file);
            boolean isSource = "sources".equals(m.get("declared-in"));
            Map<String, PropertySpec> props = new LinkedHashMap<>();
            if (!isSource) {
                props.putAll(nodeCommon);
            }
            props.putAll(properties(map(m, "properties", file), file));
            if (nodes.put(label, new NodeType(label, string(m.get("description")), isSource, props)) != null) {
                throw new SchemaException(file + ": node type " + label + " is declared twice");
            }
        }
        Map<String, RelationshipType> rels = new LinkedHashMap<>();
        for (Path file : yamlFiles(dir.resolve("relationships"))) {
            Map<String, Object> m = load(file);
            String type = requiredString(m, "relationship", file);
            Map<String, PropertySpec> props = new LinkedHashMap<>(relCommon);
            props.putAll(properties(map(m, "properties", file), file));
            List<List<String>> ordered = new ArrayList<>(orderedCommon);
            ordered.addAll(ordered(m.get("ordered"), file));
            for (List<String> pair : ordered) {
                for (String p : pair) {
                    if (!props.containsKey(p)) {
                        throw new SchemaException(file + ": ordered names unknown property " + p);
                    }
                }
            }
            boolean directed = !Boolean.FALSE.equals(m.get("directed"));
            RelationshipType rel = new RelationshipType(type, string(m.get("description")), directed,
                    expand(strings(m.get("from"), file, "from"), groups, nodes, file),
                    expand(strings(m.get("to"), file, "to"), groups, nodes, file), props, ordered);
            if (rels.put(type, rel) != null) {
                throw new SchemaException(file + ": relationship type " + type + " is declared twice");
            }
        }
        if (nodes.values().stream().filter(NodeType::isSource).count() != 1) {
            throw new SchemaException(dir + ": exactly one node type must be declared-in: sources");
        }
        return new Schema(nodes, rels, statuses);
    }

    private static Set<String> expand(List<String> names, Map<String, List<String>> groups, Map<String, NodeType> nodes,
                                      Path file) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            List<String> members = groups.getOrDefault(name, List.of(name));
            for (String member : members) {
                if (!nodes.containsKey(member) || nodes.get(member).isSource()) {
                    throw new SchemaException(file + ": unknown node type or group " + member);
                }
                out.add(member);
            }
        }
        if (out.isEmpty()) {
            throw new SchemaException(file + ": from and to must each name at least one node type");
        }
        return out;
    }

    private static Map<String, PropertySpec> properties(Map<String, Object> raw, Path file) {
        Map<String, PropertySpec> out = new LinkedHashMap<>();
        raw.forEach((name, v) -> {
            if (!(v instanceof Map<?, ?> spec)) {
                throw new SchemaException(file + ": property " + name + " must be a mapping");
            }
            PropertyType type = PropertyType.fromYaml(String.valueOf(spec.get("type")));
            if (type == null) {
                throw new SchemaException(file + ": property " + name + " has unknown type " + spec.get("type"));
            }
            List<String> values = spec.containsKey("values") ? strings(spec.get("values"), file, name + ".values") : List.of();
            if (type == PropertyType.ENUM && values.isEmpty()) {
                throw new SchemaException(file + ": enum property " + name + " needs values");
            }
            out.put(name, new PropertySpec(name, type, Boolean.TRUE.equals(spec.get("required")),
                    string(spec.get("description")), values, number(spec.get("min")), number(spec.get("max"))));
        });
        return out;
    }

    private static List<List<String>> ordered(Object raw, Path file) {
        if (raw == null) {
            return List.of();
        }
        List<List<String>> out = new ArrayList<>();
        for (Object pair : (List<?>) raw) {
            List<String> p = strings(pair, file, "ordered");
            if (p.size() != 2) {
                throw new SchemaException(file + ": each ordered entry names exactly two properties");
            }
            out.add(p);
        }
        return out;
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new SchemaException(dir + ": cannot list schema files: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(doc instanceof Map)) {
                throw new SchemaException(file + ": expected a mapping");
            }
            return (Map<String, Object>) doc;
        } catch (IOException | YAMLException e) {
            throw new SchemaException(file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new SchemaException(file + ": " + key + " must be a mapping");
        }
        return (Map<String, Object>) v;
    }

    private static List<String> strings(Object v, Path file, String what) {
        if (!(v instanceof List<?> list)) {
            throw new SchemaException(file + ": " + what + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String requiredString(Map<String, Object> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null) {
            throw new SchemaException(file + ": missing " + key);
        }
        String s = v.toString();
        if (!s.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new SchemaException(file + ": " + key + " must be an identifier (letters, digits, _), got " + s);
        }
        return s;
    }

    private static String string(Object v) {
        return v == null ? "" : v.toString().strip();
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }
}
