package kg.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import kg.schema.NodeType;
import kg.schema.PropertySpec;
import kg.schema.PropertyType;
import kg.schema.RelationshipType;
import kg.schema.Schema;

/**
 * Checks one entry of a fact file against the schema and turns it into a typed {@link Fact}. Everything
 * that can be judged from the entry alone is judged here; what needs the other files (references,
 * duplicates) is handed on as {@link Reference}s.
 */
final class ItemValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final Set<String> ENTITY_KEYS = Set.of("id", "type");
    private static final Set<String> RELATIONSHIP_KEYS = Set.of("id", "type", "from", "to", "status", "sources");

    /** A reference to a declared id, resolved once every file has been read. */
    record Reference(String id, boolean toSource, Position position) {
    }

    private final Schema schema;
    private final Consumer<Problem> problems;
    private final Consumer<Reference> references;
    private boolean failed;

    ItemValidator(Schema schema, Consumer<Problem> problems, Consumer<Reference> references) {
        this.schema = schema;
        this.problems = problems;
        this.references = references;
    }

    Fact.Source source(YNode.Mapping m) {
        failed = false;
        String id = id(m, true);
        NodeType type = schema.sourceType();
        Map<String, Object> props = properties(m, type.properties(), Set.of("id"), "source");
        if (id == null) {
            return null; // with an id, it is still declared, so references to it do not add noise
        }
        props.putIfAbsent("origin", id);
        return new Fact.Source(id, props, m.position(), Hashing.of("S", id, props));
    }

    Fact.Entity entity(YNode.Mapping m) {
        failed = false;
        String id = id(m, true);
        String typeName = scalar(m, "type", true);
        NodeType type = null;
        if (typeName != null) {
            type = schema.nodeType(typeName).filter(t -> !t.isSource()).orElse(null);
            if (type == null) {
                List<String> known = schema.entityTypes().stream().map(NodeType::label).toList();
                problem(m.get("type").position(), "unknown node type `" + typeName + "`"
                        + Suggest.didYouMean(typeName, known) + "; known types: " + String.join(", ", known));
            }
        }
        if (type == null) {
            return null;
        }
        Map<String, Object> props = properties(m, type.properties(), ENTITY_KEYS, type.label());
        if (id == null) {
            return null; // with an id and a type, it is still declared, so references to it do not add noise
        }
        return new Fact.Entity(id, type.label(), props, m.position(), Hashing.of(type.label(), id, props));
    }

    Fact.Relationship relationship(YNode.Mapping m) {
        failed = false;
        String explicitId = m.get("id") == null ? null : id(m, false);
        String typeName = scalar(m, "type", true);
        RelationshipType type = null;
        if (typeName != null) {
            type = schema.relationshipType(typeName).orElse(null);
            if (type == null) {
                List<String> known = schema.relationshipTypes().stream().map(RelationshipType::type).toList();
                problem(m.get("type").position(), "unknown relationship type `" + typeName + "`"
                        + Suggest.didYouMean(typeName, known) + "; known types: " + String.join(", ", known));
            }
        }
        String from = reference(m, "from");
        String to = reference(m, "to");
        String status = status(m);
        List<Fact.Citation> citations = citations(m);
        if (type == null) {
            return null;
        }
        Map<String, Object> props = properties(m, type.properties(), RELATIONSHIP_KEYS, type.type());
        checkOrdered(m, type, props);
        if (failed) {
            return null;
        }
        if (!type.directed() && from.compareTo(to) > 0) {
            // one fact whichever way it is written: stored from the smaller id to the larger
            String swap = from;
            from = to;
            to = swap;
        }
        String key = explicitId != null ? explicitId : defaultKey(type, from, to);
        List<Object> hashed = new ArrayList<>(List.of(type.type(), key, from, to, status));
        for (Fact.Citation c : citations) {
            hashed.add(c.source());
            hashed.add(c.quote() == null ? "" : c.quote());
        }
        return new Fact.Relationship(key, type.type(), from, to, status, props, citations, m.position(),
                Hashing.of(hashed, props));
    }

    static String defaultKey(RelationshipType type, String from, String to) {
        return type.type() + ":" + from + (type.directed() ? "->" : "--") + to;
    }

    private String id(YNode.Mapping m, boolean required) {
        String id = scalar(m, "id", required);
        if (id != null && !ID.matcher(id).matches()) {
            problem(m.get("id").position(), "bad id `" + id + "`: use letters, digits and _ . : - (e.g. alibaba-group)");
            return null;
        }
        return id;
    }

    private String reference(YNode.Mapping m, String key) {
        String id = scalar(m, key, true);
        if (id == null) {
            return null;
        }
        references.accept(new Reference(id, false, m.get(key).position()));
        return id;
    }

    private String status(YNode.Mapping m) {
        String status = scalar(m, "status", true);
        if (status != null && !schema.statuses().containsKey(status)) {
            problem(m.get("status").position(), "unknown status `" + status + "`; one of: "
                    + String.join(", ", schema.statuses().keySet()));
            return null;
        }
        return status;
    }

    private List<Fact.Citation> citations(YNode.Mapping m) {
        YNode node = m.get("sources");
        if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
            problem(m.position(), "relationship without a source: cite at least one declared source under `sources`");
            return List.of();
        }
        List<YNode> items = node instanceof YNode.Sequence seq ? seq.items() : List.of(node);
        if (items.isEmpty()) {
            problem(node.position(), "relationship without a source: `sources` is empty");
        }
        List<Fact.Citation> out = new ArrayList<>();
        for (YNode item : items) {
            if (item instanceof YNode.Scalar s && !s.isNull()) {
                out.add(new Fact.Citation(s.value(), null, s.position()));
                references.accept(new Reference(s.value(), true, s.position()));
            } else if (item instanceof YNode.Mapping c) {
                for (YNode.Entry e : c.entries().values()) {
                    if (!e.key().equals("source") && !e.key().equals("quote")) {
                        problem(e.keyPosition(), "unknown key `" + e.key() + "` in a citation (expected source and quote)");
                    }
                }
                String source = scalar(c, "source", true);
                String quote = scalar(c, "quote", false);
                if (source != null) {
                    out.add(new Fact.Citation(source, quote, c.get(quote != null ? "quote" : "source").position()));
                    references.accept(new Reference(source, true, c.get("source").position()));
                }
            } else {
                problem(item.position(), "a citation is a source id or a mapping with source and quote");
            }
        }
        return out;
    }

    private Map<String, Object> properties(YNode.Mapping m, Map<String, PropertySpec> specs, Set<String> reserved,
                                           String typeName) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) {
            if (reserved.contains(e.key())) {
                continue;
            }
            PropertySpec spec = specs.get(e.key());
            if (spec == null) {
                Set<String> known = new TreeSet<>(specs.keySet());
                problem(e.keyPosition(), "unknown property `" + e.key() + "` for " + typeName
                        + Suggest.didYouMean(e.key(), known) + "; allowed: " + String.join(", ", known));
                continue;
            }
            if (e.value() instanceof YNode.Scalar s && s.isNull()) {
                continue;
            }
            Object value = value(spec, e.value());
            if (value != null) {
                props.put(spec.name(), value);
            }
        }
        for (PropertySpec spec : specs.values()) {
            if (spec.required() && !props.containsKey(spec.name()) && !hasNonNull(m, spec.name())) {
                problem(m.position(), "missing required property `" + spec.name() + "` for " + typeName);
            }
        }
        return props;
    }

    private static boolean hasNonNull(YNode.Mapping m, String key) {
        YNode v = m.get(key);
        return v != null && !(v instanceof YNode.Scalar s && s.isNull());
    }

    private Object value(PropertySpec spec, YNode node) {
        if (spec.type() == PropertyType.LIST || spec.type() == PropertyType.IDS) {
            List<YNode> items = node instanceof YNode.Sequence seq ? seq.items() : List.of(node);
            List<String> out = new ArrayList<>();
            for (YNode item : items) {
                if (!(item instanceof YNode.Scalar s)) {
                    problem(item.position(), "`" + spec.name() + "` is a list of text, not of " + item.kind() + "s");
                    return null;
                }
                if (spec.type() == PropertyType.IDS) {
                    references.accept(new Reference(s.value(), false, s.position()));
                }
                out.add(s.value());
            }
            return List.copyOf(out);
        }
        if (!(node instanceof YNode.Scalar s)) {
            problem(node.position(), "`" + spec.name() + "` must be a single " + spec.type().yamlName()
                    + ", not a " + node.kind());
            return null;
        }
        String raw = s.value().strip();
        try {
            Object value = switch (spec.type()) {
                case STRING -> s.value();
                case INTEGER -> Long.parseLong(raw.replace("_", ""));
                case NUMBER -> number(raw);
                case BOOLEAN -> bool(raw);
                case DATE -> PartialDate.parse(raw).text();
                case ENUM -> {
                    if (!spec.values().contains(raw)) {
                        throw new IllegalArgumentException("`" + raw + "` is not one of " + String.join(", ", spec.values()));
                    }
                    yield raw;
                }
                case LIST, IDS -> throw new AssertionError();
            };
            if (value instanceof Number n) {
                double d = n.doubleValue();
                if (spec.min() != null && d < spec.min() || spec.max() != null && d > spec.max()) {
                    problem(s.position(), "`" + spec.name() + "` is " + raw + ", outside " + spec.typeDescription()
                            .replaceFirst("^\\S+ ", ""));
                    return null;
                }
            }
            return value;
        } catch (NumberFormatException e) {
            problem(s.position(), "`" + spec.name() + "` must be " + (spec.type() == PropertyType.INTEGER
                    ? "a whole number" : "a number") + ", got `" + raw + "`");
        } catch (IllegalArgumentException e) {
            problem(s.position(), "`" + spec.name() + "`: " + e.getMessage());
        }
        return null;
    }

    private static Double number(String raw) {
        double d = Double.parseDouble(raw.replace("_", ""));
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NumberFormatException(raw);
        }
        return d;
    }

    private static Boolean bool(String raw) {
        return switch (raw) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("must be true or false, got `" + raw + "`");
        };
    }

    private void checkOrdered(YNode.Mapping m, RelationshipType type, Map<String, Object> props) {
        for (List<String> pair : type.ordered()) {
            Object low = props.get(pair.get(0));
            Object high = props.get(pair.get(1));
            if (low == null || high == null) {
                continue;
            }
            boolean wrong;
            String word;
            if (low instanceof String a && high instanceof String b) {
                wrong = PartialDate.parse(b).latest().isBefore(PartialDate.parse(a).earliest());
                word = "is before";
            } else {
                wrong = ((Number) low).doubleValue() > ((Number) high).doubleValue();
                word = "is below";
            }
            if (wrong) {
                problem(m.get(pair.get(1)).position(), "`" + pair.get(1) + "` (" + high + ") " + word + " `"
                        + pair.get(0) + "` (" + low + ")");
            }
        }
    }

    private String scalar(YNode.Mapping m, String key, boolean required) {
        YNode node = m.get(key);
        if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
            if (required) {
                problem(m.position(), "missing `" + key + "`");
            }
            return null;
        }
        if (!(node instanceof YNode.Scalar s)) {
            problem(node.position(), "`" + key + "` must be text, not a " + node.kind());
            return null;
        }
        return s.value().strip();
    }

    private void problem(Position position, String message) {
        failed = true;
        problems.accept(new Problem(position, message));
    }
}
