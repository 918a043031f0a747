package kg.query;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import kg.Json;
import kg.schema.Schema;
import kg.store.GraphNode;
import kg.store.GraphPath;
import kg.store.GraphRelationship;

/**
 * How rows are printed. {@code table} is for people: nodes by name, paths as
 * {@code Alibaba Group -[OWNS]-> Cainiao -[OPERATES]-> Liège hub}, lists joined. {@code json} and {@code csv}
 * are for programs and stable: nodes, relationships and paths carry kg ids (never the store's element ids).
 */
public enum ResultFormat {
    table, json, csv;

    public void write(QueryResult result, PrintWriter out) {
        switch (this) {
            case table -> table(result, out);
            case json -> out.println(Json.write(jsonDocument(result)));
            case csv -> csv(result, out);
        }
        out.flush();
    }

    // ---- table ----

    private static void table(QueryResult result, PrintWriter out) {
        List<String> columns = result.columns();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            List<String> line = new ArrayList<>();
            for (String c : columns) {
                line.add(oneLine(text(row.get(c), result, true)));
            }
            cells.add(line);
        }
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], line.get(i).codePointCount(0, line.get(i).length()));
            }
        }
        out.println(pad(columns, width));
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        out.println(pad(rule, width));
        for (List<String> line : cells) {
            out.println(pad(line, width));
        }
    }

    private static String pad(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(c);
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(width[i] - c.codePointCount(0, c.length()) + 2));
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /**
     * A value as text: for people (names, rounded numbers) or for CSV (ids, full numbers). Lists are joined with
     * ", " for people; CSV writes lists and maps as JSON so that programs can split them safely.
     */
    static String text(Object v, QueryResult result, boolean forPeople) {
        if (v == null) {
            return "";
        }
        if (v instanceof GraphNode n) {
            return forPeople ? n.name() : n.id();
        }
        if (v instanceof GraphRelationship r) {
            return relationshipText(r, result, forPeople);
        }
        if (v instanceof GraphPath p) {
            return pathText(p, forPeople ? GraphNode::name : GraphNode::id);
        }
        if (v instanceof Double d) {
            return forPeople ? number(d) : Double.toString(d);
        }
        if (v instanceof Float f) {
            return forPeople ? number(f.doubleValue()) : Float.toString(f);
        }
        if (v instanceof Collection<?> list) {
            if (!forPeople) {
                return Json.write(csvValue(list, result));
            }
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                String t = text(o, result, true);
                parts.add(o instanceof Collection<?> ? "[" + t + "]" : t);
            }
            return String.join(", ", parts);
        }
        if (v instanceof Map<?, ?> map) {
            if (!forPeople) {
                return Json.write(csvValue(map, result));
            }
            List<String> parts = new ArrayList<>();
            map.forEach((k, x) -> parts.add(k + ": " + text(x, result, true)));
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(v);
    }

    /** Lists and maps for CSV cells: graph values as their text, the rest as JSON values. */
    private static Object csvValue(Object v, QueryResult result) {
        if (v instanceof GraphNode || v instanceof GraphRelationship || v instanceof GraphPath) {
            return text(v, result, false);
        }
        if (v instanceof Collection<?> list) {
            return list.stream().map(x -> csvValue(x, result)).toList();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), csvValue(x, result)));
            return out;
        }
        return v;
    }

    /** {@code A -[OWNS]-> B <-[SUBSIDIARY_OF]- C}: each arrow as the relationship is stored. */
    public static String pathText(GraphPath p, Function<GraphNode, String> label) {
        StringBuilder sb = new StringBuilder(label.apply(p.nodes().get(0)));
        for (int i = 0; i < p.relationships().size(); i++) {
            GraphRelationship r = p.relationships().get(i);
            GraphNode from = p.nodes().get(i);
            boolean forward = r.startElementId().equals(from.elementId());
            sb.append(forward ? " -[" : " <-[").append(r.type()).append(forward ? "]-> " : "]- ")
                    .append(label.apply(p.nodes().get(i + 1)));
        }
        return sb.toString();
    }

    private static String relationshipText(GraphRelationship r, QueryResult result, boolean forPeople) {
        QueryResult.NodeRef a = result.ends().get(r.startElementId());
        QueryResult.NodeRef b = result.ends().get(r.endElementId());
        return end(a, forPeople) + " -[" + r.type() + "]-> " + end(b, forPeople);
    }

    private static String end(QueryResult.NodeRef ref, boolean forPeople) {
        if (ref == null) {
            return "?";
        }
        String s = forPeople ? ref.name() : ref.id();
        return s == null ? "?" : s;
    }

    /** Six significant digits, no exponent, no trailing zeros: 0.35000000000000003 prints as 0.35. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    // ---- csv ----

    /** RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    private static void csv(QueryResult result, PrintWriter out) {
        out.print(csvLine(result.columns()));
        for (Map<String, Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (String c : result.columns()) {
                cells.add(text(row.get(c), result, false));
            }
            out.print(csvLine(cells));
        }
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                quoted.add('"' + c.replace("\"", "\"\"") + '"');
            } else {
                quoted.add(c);
            }
        }
        return String.join(",", quoted) + "\r\n";
    }

    // ---- json ----

    /** {@code {"columns": [...], "rows": [{column: value}]}} with graph values as objects keyed by kg ids. */
    public static Map<String, Object> jsonDocument(QueryResult result) {
        List<Object> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String c : result.columns()) {
                out.put(c, jsonValue(row.get(c), result));
            }
            rows.add(out);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("columns", result.columns());
        doc.put("rows", rows);
        return doc;
    }

    static Object jsonValue(Object v, QueryResult result) {
        if (v instanceof GraphNode n) {
            return node(n);
        }
        if (v instanceof GraphRelationship r) {
            QueryResult.NodeRef a = result.ends().get(r.startElementId());
            QueryResult.NodeRef b = result.ends().get(r.endElementId());
            return relationship(r, a == null ? null : a.id(), b == null ? null : b.id());
        }
        if (v instanceof GraphPath p) {
            Map<String, String> ids = new java.util.HashMap<>();
            p.nodes().forEach(n -> ids.put(n.elementId(), n.id()));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("nodes", p.nodes().stream().map(ResultFormat::node).toList());
            out.put("relationships", p.relationships().stream()
                    .map(r -> relationship(r, ids.get(r.startElementId()), ids.get(r.endElementId()))).toList());
            return out;
        }
        if (v instanceof Collection<?> list) {
            return list.stream().map(x -> jsonValue(x, result)).toList();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), jsonValue(x, result)));
            return out;
        }
        return v;
    }

    private static Map<String, Object> node(GraphNode n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        Object type = n.properties().get("type");
        out.put("type", type != null ? type : n.labels().contains(Schema.SOURCE_LABEL) ? Schema.SOURCE_LABEL
                : n.labels().isEmpty() ? null : n.labels().get(0));
        out.put("name", n.name());
        Map<String, Object> props = new LinkedHashMap<>();
        n.properties().forEach((k, x) -> {
            if (!k.startsWith("_") && !k.equals("id") && !k.equals("type") && !k.equals("name")) {
                props.put(k, x);
            }
        });
        out.put("properties", props);
        return out;
    }

    private static Map<String, Object> relationship(GraphRelationship r, String from, String to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", r.type());
        out.put("key", r.properties().get("key"));
        out.put("from", from);
        out.put("to", to);
        Map<String, Object> props = new LinkedHashMap<>();
        r.properties().forEach((k, x) -> {
            if (!k.startsWith("_") && !k.equals("key")) {
                props.put(k, x);
            }
        });
        out.put("properties", props);
        return out;
    }
}
