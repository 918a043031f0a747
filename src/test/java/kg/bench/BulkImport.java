package kg.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

import kg.facts.Fact;
import kg.facts.FactSet;
import kg.schema.NodeType;
import kg.schema.PropertySpec;
import kg.schema.RelationshipType;
import kg.schema.Schema;
import picocli.CommandLine;

/**
 * Baseline (a): Neo4j's bulk importer, {@code neo4j-admin database import full}, run in-process through the
 * import tool's own command class on CSV written from the same facts. The CSV carries the nodes, labels,
 * relationships and properties kg's loader writes (ids, {@code type}, content hashes, {@code key}, {@code status},
 * {@code sources}, {@code quotes}, every declared property with its type), one file per label and per relationship
 * type. The importer builds a new store offline: no transaction, no index; kg's indexes are built after it when
 * the store is first opened, which {@link Bench} times separately.
 */
final class BulkImport {

    /** Inside string arrays (sources, quotes, aliases, labels). */
    static final char ARRAY = ';';

    private BulkImport() {
    }

    /** The CSV written: importer arguments (one per file), and totals. */
    record Csv(List<String> arguments, long nodes, long relationships, long bytes) {
    }

    /** One CSV file: its header columns (name, importer type) and its writer. */
    private static final class Table {
        final List<String> columns = new ArrayList<>();
        final Map<String, Integer> index = new LinkedHashMap<>();
        final BufferedWriter out;
        final Path path;

        Table(Path path, List<String> header, Map<String, String> typed) throws IOException {
            this.path = path;
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            List<String> head = new ArrayList<>(header);
            typed.forEach((name, type) -> {
                index.put(name, columns.size());
                columns.add(name);
                head.add(type.isEmpty() ? name : name + ":" + type);
            });
            out.write(String.join(",", head));
            out.write('\n');
        }

        /** One row: the fixed leading fields, then the declared properties in header order (absent ones empty). */
        void row(List<Object> fixed, Map<String, Object> properties) throws IOException {
            Object[] values = new Object[columns.size()];
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                Integer at = index.get(p.getKey());
                if (at == null) {
                    throw new IllegalStateException(path.getFileName() + ": property `" + p.getKey() + "` has no column");
                }
                values[at] = p.getValue();
            }
            for (int i = 0; i < fixed.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                value(fixed.get(i), out);
            }
            for (Object v : values) {
                out.write(',');
                if (v != null) {
                    value(v, out);
                }
            }
            out.write('\n');
        }
    }

    /** Writes the facts as importer CSV into {@code dir} (created, emptied first). */
    static Csv writeCsv(Schema schema, FactSet facts, Path where) {
        Path dir = where.toAbsolutePath();
        try {
            Bench.deleteTree(dir);
            Files.createDirectories(dir);
            Map<String, Table> nodes = new TreeMap<>();
            Map<String, Table> rels = new TreeMap<>();
            long[] counts = new long[2];
            // kg's own properties are fixed columns after the id and labels (or ends and type); the declared
            // properties of each type follow, typed, from the schema.
            facts.forEach(schema, new FactSet.FactHandler() {
                @Override
                public void source(Fact.Source s) {
                    write(() -> nodeTable(nodes, schema.sourceType(), dir),
                            List.of(s.id(), Schema.SOURCE_LABEL, s.properties().get("title"), s.hash()), s.properties());
                    counts[0]++;
                }

                @Override
                public void entity(Fact.Entity e) {
                    NodeType type = schema.nodeType(e.type()).orElseThrow();
                    write(() -> nodeTable(nodes, type, dir),
                            List.of(e.id(), Schema.ENTITY_LABEL + ARRAY + e.type(), e.type(), e.hash()), e.properties());
                    counts[0]++;
                }

                @Override
                public void relationship(Fact.Relationship r) {
                    RelationshipType type = schema.relationshipType(r.type()).orElseThrow();
                    List<String> sources = r.citations().stream().map(Fact.Citation::source).toList();
                    List<String> quotes = r.citations().stream().map(c -> c.quote() == null ? "" : c.quote()).toList();
                    write(() -> relTable(rels, type, dir),
                            List.of(r.from(), r.to(), r.type(), r.key(), r.status(), sources, quotes, r.hash()), r.properties());
                    counts[1]++;
                }

                private void write(TableSupplier table, List<Object> fixed, Map<String, Object> declared) {
                    try {
                        table.get().row(fixed, declared);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            List<String> arguments = new ArrayList<>();
            long bytes = 0;
            for (Table t : nodes.values()) {
                t.out.close();
                arguments.add("--nodes=" + t.path);
                bytes += Files.size(t.path);
            }
            for (Table t : rels.values()) {
                t.out.close();
                arguments.add("--relationships=" + t.path);
                bytes += Files.size(t.path);
            }
            return new Csv(arguments, counts[0], counts[1], bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface TableSupplier {
        Table get() throws IOException;
    }

    private static Table nodeTable(Map<String, Table> tables, NodeType type, Path dir) throws IOException {
        Table t = tables.get(type.label());
        if (t == null) {
            String space = type.isSource() ? Schema.SOURCE_LABEL : Schema.ENTITY_LABEL;
            t = new Table(dir.resolve("nodes-" + type.label() + ".csv"),
                    List.of("id:ID(" + space + ")", ":LABEL", type.isSource() ? "name" : "type", "_hash"), declared(type.properties()));
            tables.put(type.label(), t);
        }
        return t;
    }

    private static Table relTable(Map<String, Table> tables, RelationshipType type, Path dir) throws IOException {
        Table t = tables.get(type.type());
        if (t == null) {
            t = new Table(dir.resolve("rels-" + type.type() + ".csv"),
                    List.of(":START_ID(" + Schema.ENTITY_LABEL + ")", ":END_ID(" + Schema.ENTITY_LABEL + ")", ":TYPE",
                            "key", "status", "sources:string[]", "quotes:string[]", "_hash"), declared(type.properties()));
            tables.put(type.type(), t);
        }
        return t;
    }

    /** Declared properties and their importer types. */
    private static Map<String, String> declared(Map<String, PropertySpec> properties) {
        Map<String, String> typed = new LinkedHashMap<>();
        properties.forEach((name, spec) -> typed.put(name, csvType(spec)));
        return typed;
    }

    /** The importer's type for a declared property, as the fact reader types its values. */
    private static String csvType(PropertySpec spec) {
        return switch (spec.type()) {
            case INTEGER -> "long";
            case NUMBER -> "double";
            case BOOLEAN -> "boolean";
            case LIST, IDS -> "string[]";
            case STRING, DATE, ENUM -> "";
        };
    }

    private static void value(Object v, BufferedWriter out) throws IOException {
        if (v instanceof Collection<?> list) {
            StringBuilder joined = new StringBuilder();
            for (Object o : list) {
                String s = String.valueOf(o);
                if (s.indexOf(ARRAY) >= 0) {
                    throw new IllegalStateException("a list value contains the array delimiter: " + s);
                }
                if (joined.length() > 0) {
                    joined.append(ARRAY);
                }
                joined.append(s);
            }
            field(joined.toString(), out);
        } else if (v instanceof String s) {
            field(s, out);
        } else {
            out.write(String.valueOf(v));
        }
    }

    /** A CSV field, quoted (quotes doubled) when it holds a delimiter, quote or is empty (an empty string, not absent). */
    private static void field(String s, BufferedWriter out) throws IOException {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalStateException("a value spans lines (the importer would need --multiline-fields): " + s);
        }
        if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
            out.write('"');
            out.write(s.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(s);
        }
    }

    /**
     * Runs {@code neo4j-admin database import full} in this JVM into a new store under {@code home} (the layout
     * {@link kg.store.EmbeddedStore} opens), its report and progress going to {@code home/import.log}.
     */
    static void run(Csv csv, Path where, String offHeap) {
        Path home = where.toAbsolutePath();
        try {
            Bench.deleteTree(home);
            Files.createDirectories(home.resolve("conf"));
            try (OutputStream log = Files.newOutputStream(home.resolve("import.log"));
                 PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), print, print,
                        new DefaultFileSystemAbstraction());
                List<String> args = new ArrayList<>(csv.arguments());
                args.addAll(List.of("--id-type=string", "--array-delimiter=" + ARRAY, "--overwrite-destination=true",
                        "--max-off-heap-memory=" + offHeap, "--report-file=" + home.resolve("import.report"), "neo4j"));
                CommandLine command = new CommandLine(new ImportCommand.Full(context));
                int exit = command.execute(args.toArray(String[]::new));
                if (exit != 0) {
                    throw new IllegalStateException("the bulk importer failed (exit " + exit + "); see " + home.resolve("import.log"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
