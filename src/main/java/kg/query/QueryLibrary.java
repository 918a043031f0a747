package kg.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import kg.Resources;
import kg.UserError;
import kg.facts.PartialDate;
import kg.schema.Schema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The saved queries: one {@code NAME.cypher} file each, whose leading {@code //} comment lines are a YAML
 * header (name, description, parameters; see queries/README.md) and whose rest is the Cypher. Prepares a
 * query for running: checks and converts the parameters, expands the validity placeholder and applies the
 * options. Parameters are always bound, never written into the Cypher.
 */
public final class QueryLibrary {

    /** Parameter names the library binds itself. */
    public static final String LIMIT = "limit";
    static final Set<String> RESERVED = Set.of(Validity.AS_OF, Validity.STATUSES, LIMIT);

    /** Exit code for a mistake in how a query is called (unknown query, bad parameter): a usage error. */
    static final int USAGE = 2;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A statement may not end with its own LIMIT: the library appends one for --limit. */
    private static final Pattern FINAL_LIMIT = Pattern.compile("(?is).*\\bLIMIT\\s+[^\\s;]+\\s*;?\\s*$");

    private final Map<String, SavedQuery> queries;

    private QueryLibrary(Map<String, SavedQuery> queries) {
        this.queries = queries;
    }

    /** The queries shipped with kg (a copy of queries/ inside the jar). */
    public static QueryLibrary builtIn() {
        return Resources.withDirectory("kg/queries", QueryLibrary::read);
    }

    /** Every {@code *.cypher} file in a folder. */
    public static QueryLibrary read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such queries folder", USAGE);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cypher")).sorted().toList();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot list queries: " + e.getMessage(), USAGE);
        }
        Map<String, SavedQuery> queries = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError(file + ": cannot read: " + e.getMessage(), USAGE);
            }
            String fileName = file.getFileName().toString();
            SavedQuery q = parse(fileName.substring(0, fileName.length() - ".cypher".length()), text, file.toString());
            queries.put(q.name(), q);
        }
        return new QueryLibrary(queries);
    }

    public Optional<SavedQuery> find(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    /** Every query, by name. */
    public List<SavedQuery> all() {
        return queries.values().stream().sorted(java.util.Comparator.comparing(SavedQuery::name)).toList();
    }

    /**
     * A saved query ready to run: parameters converted to their declared types (defaults filled in), the
     * validity placeholder expanded, {@code $asOf}, {@code $statuses} and {@code $limit} bound.
     *
     * @throws UserError for an unknown query, a missing, unknown or ill-typed parameter (the message lists the
     *                   parameters the query takes), or options the query does not take
     */
    public PreparedQuery prepare(Schema schema, String name, Map<String, String> rawParameters, QueryOptions options) {
        SavedQuery q = find(name).orElseThrow(() -> new UserError("unknown query `" + name + "`; saved queries: "
                + String.join(", ", queries.keySet().stream().sorted().toList()) + " (see `kg query list`)", USAGE));
        QueryOptions opts = options == null ? QueryOptions.NONE : options;
        if (opts.filters() && !q.filtered()) {
            throw new UserError("query " + q.name() + " does not take --as-of or --min-status: it does not filter"
                    + " relationships by date or status", USAGE);
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rawParameters.entrySet()) {
            QueryParameter p = q.parameter(e.getKey()).orElseThrow(() -> parameterError(q,
                    "query " + q.name() + " has no parameter `" + e.getKey() + "`"));
            try {
                bound.put(p.name(), p.convert(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw parameterError(q, "parameter " + p.name() + " of query " + q.name() + " (" + p.type().yamlName()
                        + "): " + ex.getMessage());
            }
        }
        for (QueryParameter p : q.parameters()) {
            if (!bound.containsKey(p.name())) {
                if (p.required()) {
                    throw parameterError(q, "query " + q.name() + " needs parameter " + p.name()
                            + (p.example() == null || p.example().isEmpty() ? "" : " (e.g. -p " + p.name() + "=" + p.example() + ")"));
                }
                bound.put(p.name(), p.defaultValue());
            }
        }
        if (!q.oneOf().isEmpty() && q.oneOf().stream().noneMatch(rawParameters::containsKey)) {
            throw parameterError(q, "query " + q.name() + " needs at least one of: " + String.join(", ", q.oneOf()));
        }
        String cypher = Validity.expand(stripTrailingSemicolon(body(q.text())));
        if (opts.limit() != null) {
            cypher = cypher + "\nLIMIT $" + LIMIT;
        }
        bindOptions(schema, opts, bound);
        return new PreparedQuery(cypher, bound);
    }

    /**
     * An ad-hoc statement ready to run read-only. Parameters are strings unless written {@code name:type}
     * (e.g. {@code share:number=0.25}); the validity placeholder is expanded as in saved queries. The limit is
     * not written into the statement (it may have its own): the runner stops reading after that many rows.
     */
    public static PreparedQuery prepareAdHoc(Schema schema, String cypher, Map<String, String> rawParameters,
                                             QueryOptions options) {
        QueryOptions opts = options == null ? QueryOptions.NONE : options;
        if (opts.filters() && !Validity.usedIn(cypher)) {
            throw new UserError("--as-of and --min-status apply only where the statement says /*kg:valid(r)*/true"
                    + " (see queries/README.md)", USAGE);
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rawParameters.entrySet()) {
            String key = e.getKey();
            ParameterType type = ParameterType.STRING;
            int colon = key.indexOf(':');
            if (colon >= 0) {
                String typeName = key.substring(colon + 1);
                type = ParameterType.fromYaml(typeName.toLowerCase(Locale.ROOT));
                key = key.substring(0, colon);
                if (type == null) {
                    throw new UserError("parameter " + key + ": unknown type `" + typeName + "`; types: "
                            + ParameterType.names(), USAGE);
                }
            }
            if (!PARAMETER_NAME.matcher(key).matches()) {
                throw new UserError("bad parameter name `" + key + "`: use letters, digits and _", USAGE);
            }
            if (RESERVED.contains(key)) {
                throw new UserError("parameter name " + key + " is reserved (it is bound by --as-of, --min-status"
                        + " or --limit)", USAGE);
            }
            try {
                bound.put(key, type.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new UserError("parameter " + key + " (" + type.yamlName() + "): " + ex.getMessage(), USAGE);
            }
        }
        Map<String, Object> all = new LinkedHashMap<>(bound);
        bindOptions(schema, new QueryOptions(opts.asOf(), opts.minStatus(), null, opts.timeout()), all);
        all.remove(LIMIT);
        return new PreparedQuery(Validity.expand(cypher), all);
    }

    private static void bindOptions(Schema schema, QueryOptions opts, Map<String, Object> bound) {
        String asOf = null;
        if (opts.asOf() != null) {
            try {
                asOf = PartialDate.parse(opts.asOf()).text();
            } catch (IllegalArgumentException e) {
                throw new UserError("--as-of: " + e.getMessage(), USAGE);
            }
        }
        List<String> statuses = null;
        if (opts.minStatus() != null) {
            if (!schema.statuses().containsKey(opts.minStatus())) {
                throw new UserError("--min-status: unknown status `" + opts.minStatus() + "`; statuses, strongest first: "
                        + String.join(", ", schema.statuses().keySet()), USAGE);
            }
            statuses = schema.statusesAtLeast(opts.minStatus());
        }
        if (opts.limit() != null && opts.limit() < 0) {
            throw new UserError("--limit must be 0 or more, got " + opts.limit(), USAGE);
        }
        bound.put(Validity.AS_OF, asOf);
        bound.put(Validity.STATUSES, statuses);
        if (opts.limit() != null) {
            bound.put(LIMIT, opts.limit().longValue());
        }
    }

    private static UserError parameterError(SavedQuery q, String message) {
        return new UserError(message + "\nquery " + q.name() + " takes:\n" + q.parameterList(), USAGE);
    }

    // ---- reading .cypher files ----

    /** Parses one query file; {@code expectedName} is its file name without .cypher. */
    static SavedQuery parse(String expectedName, String text, String file) {
        String header = header(text);
        Map<String, Object> h;
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(header);
            if (!(doc instanceof Map<?, ?>)) {
                throw fileError(file, "the header (the leading // lines) must be YAML with name, description and parameters");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) doc;
            h = m;
        } catch (YAMLException e) {
            throw fileError(file, "the header is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object name = h.get("name");
        if (name == null || !NAME.matcher(name.toString()).matches()) {
            throw fileError(file, "header needs `name:` in lower case letters, digits and -");
        }
        if (!name.toString().equals(expectedName)) {
            throw fileError(file, "header name " + name + " differs from the file name " + expectedName + ".cypher");
        }
        Object description = h.get("description");
        if (description == null || description.toString().isBlank()) {
            throw fileError(file, "header needs a one-line `description:`");
        }
        List<QueryParameter> parameters = new ArrayList<>();
        Object rawParams = h.get("parameters");
        if (rawParams != null && !(rawParams instanceof Map<?, ?>)) {
            throw fileError(file, "`parameters:` must map each parameter name to {type, required or default, example}");
        }
        if (rawParams instanceof Map<?, ?> params) {
            for (Map.Entry<?, ?> e : params.entrySet()) {
                parameters.add(parameter(String.valueOf(e.getKey()), e.getValue(), file));
            }
        }
        List<String> oneOf = new ArrayList<>();
        if (h.get("one-of") instanceof List<?> list) {
            for (Object o : list) {
                String p = String.valueOf(o);
                if (parameters.stream().noneMatch(x -> x.name().equals(p))) {
                    throw fileError(file, "one-of names unknown parameter " + p);
                }
                oneOf.add(p);
            }
        } else if (h.get("one-of") != null) {
            throw fileError(file, "`one-of:` must be a list of parameter names");
        }
        for (String key : h.keySet()) {
            if (!Set.of("name", "description", "notes", "parameters", "one-of").contains(key)) {
                throw fileError(file, "unknown header key `" + key + "` (known: name, description, notes, parameters, one-of)");
            }
        }
        String body = body(text);
        if (body.isBlank()) {
            throw fileError(file, "no Cypher after the header");
        }
        if (Validity.malformed(body) > 0) {
            throw fileError(file, "malformed validity placeholder: write it exactly as /*kg:valid(r)*/true");
        }
        if (FINAL_LIMIT.matcher(body).matches()) {
            throw fileError(file, "the statement must not end with its own LIMIT (kg appends one for --limit)");
        }
        String notes = h.get("notes") == null ? "" : h.get("notes").toString().strip();
        return new SavedQuery(name.toString(), description.toString().strip(), notes, parameters, text,
                Validity.usedIn(body), oneOf, file);
    }

    private static QueryParameter parameter(String name, Object raw, String file) {
        if (!PARAMETER_NAME.matcher(name).matches()) {
            throw fileError(file, "parameter name " + name + " must be letters, digits and _");
        }
        if (RESERVED.contains(name)) {
            throw fileError(file, "parameter name " + name + " is reserved for --as-of, --min-status and --limit");
        }
        if (!(raw instanceof Map<?, ?> spec)) {
            throw fileError(file, "parameter " + name + " must be a mapping {type, required or default, example}");
        }
        for (Object key : spec.keySet()) {
            if (!Set.of("type", "required", "default", "example", "description", "min", "max").contains(String.valueOf(key))) {
                throw fileError(file, "parameter " + name + ": unknown key `" + key + "`");
            }
        }
        ParameterType type = ParameterType.fromYaml(String.valueOf(spec.get("type")));
        if (type == null) {
            throw fileError(file, "parameter " + name + ": type must be one of " + ParameterType.names());
        }
        boolean required = Boolean.TRUE.equals(spec.get("required"));
        if (required == spec.containsKey("default")) {
            throw fileError(file, "parameter " + name + ": say either `required: true` or `default: VALUE`"
                    + " (`default: null` for an optional parameter)");
        }
        Double min = number(spec.get("min"), name, file);
        Double max = number(spec.get("max"), name, file);
        QueryParameter p = new QueryParameter(name, type, required, null, string(spec.get("example")),
                string(spec.get("description")), min, max);
        Object defaultValue = null;
        if (spec.get("default") != null) {
            try {
                Object d = spec.get("default");
                defaultValue = p.convert(d instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : String.valueOf(d));
            } catch (IllegalArgumentException e) {
                throw fileError(file, "parameter " + name + ": bad default: " + e.getMessage());
            }
        }
        if (p.example() == null || p.example().isEmpty()) {
            throw fileError(file, "parameter " + name + ": give an `example:`");
        }
        try {
            p.convert(p.example());
        } catch (IllegalArgumentException e) {
            throw fileError(file, "parameter " + name + ": bad example: " + e.getMessage());
        }
        return new QueryParameter(name, type, required, defaultValue, p.example(), p.description(), min, max);
    }

    private static Double number(Object v, String name, String file) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw fileError(file, "parameter " + name + ": min and max must be numbers");
        }
        return n.doubleValue();
    }

    private static String string(Object v) {
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return v == null ? "" : v.toString().strip();
    }

    /** The leading comment lines with their {@code //} removed. */
    static String header(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.lines().toList()) {
            String s = line.strip();
            if (!s.startsWith("//")) {
                if (s.isEmpty() && sb.length() == 0) {
                    continue;
                }
                break;
            }
            String content = line.substring(line.indexOf("//") + 2);
            sb.append(content.startsWith(" ") ? content.substring(1) : content).append('\n');
        }
        return sb.toString();
    }

    /** The Cypher after the header. */
    static String body(String text) {
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size() && (lines.get(i).strip().startsWith("//") || lines.get(i).isBlank())) {
            i++;
        }
        return String.join("\n", lines.subList(i, lines.size())).strip();
    }

    private static String stripTrailingSemicolon(String cypher) {
        String s = cypher.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    private static UserError fileError(String file, String message) {
        return new UserError(file + ": " + message, USAGE);
    }
}
