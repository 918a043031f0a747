package kg.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import kg.UserError;
import kg.schema.RelationshipType;
import kg.schema.Schema;

/**
 * The fact files named on the command line (files, or folders searched for *.yaml and *.yml), read as one
 * set: ids are global across files. {@link #validate} reports every problem at once; {@link #forEach}
 * streams the typed facts of a set already known to be valid.
 */
public final class FactSet {

    private final List<Path> files;
    private final FactLimits limits;

    private FactSet(List<Path> files, FactLimits limits) {
        this.files = List.copyOf(files);
        this.limits = limits;
    }

    public static FactSet of(List<Path> paths) {
        return of(paths, FactLimits.DEFAULT);
    }

    public static FactSet of(List<Path> paths, FactLimits limits) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UserError(path + ": cannot read folder: " + e.getMessage(), 2);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UserError(path + ": no such file or folder", 2);
            }
        }
        return new FactSet(files.stream().distinct().toList(), limits);
    }

    public List<Path> files() {
        return files;
    }

    /** Receives typed facts in file order; a pass that wants only some kinds overrides only those. */
    public interface FactHandler {
        default void source(Fact.Source source) {
        }

        default void entity(Fact.Entity entity) {
        }

        default void relationship(Fact.Relationship relationship) {
        }
    }

    /** Checks every file and all references between them; with a sources folder, also every quote. */
    public ValidationReport validate(Schema schema, Optional<Path> sourcesDir) {
        return validate(schema, sourcesDir, new FactHandler() { });
    }

    /**
     * Checks the set as {@link #validate(Schema, Optional)} does and, in the same pass, hands {@code handler}
     * each fact that passed its own checks, once per id or relationship key (a repeated declaration is not
     * handed again). Problems between facts (references, conflicting duplicates, quotes) are known only at the
     * end, so whoever acted on the facts must undo that unless the report is valid.
     */
    public ValidationReport validate(Schema schema, Optional<Path> sourcesDir, FactHandler handler) {
        List<Problem> problems = new ArrayList<>();
        Index index = new Index(schema, problems::add);
        List<Fact.Citation> quoted = new ArrayList<>();
        Map<String, String> originOf = new HashMap<>();
        int[] counts = new int[3];
        read(schema, problems::add, index::reference, new FactHandler() {
            @Override
            public void source(Fact.Source s) {
                counts[0]++;
                originOf.put(s.id(), String.valueOf(s.properties().get("origin")));
                if (index.declare(s.id(), Index.SOURCE, s.hash(), s.position())) {
                    handler.source(s);
                }
            }

            @Override
            public void entity(Fact.Entity e) {
                counts[1]++;
                if (index.declare(e.id(), e.type(), e.hash(), e.position())) {
                    handler.entity(e);
                }
            }

            @Override
            public void relationship(Fact.Relationship r) {
                counts[2]++;
                if (sourcesDir.isPresent()) {
                    r.citations().stream().filter(c -> c.quote() != null).forEach(quoted::add);
                }
                if (index.relationship(r)) {
                    handler.relationship(r);
                }
            }
        });
        index.resolve();
        sourcesDir.ifPresent(dir -> new QuoteChecker(dir).check(quoted, originOf, problems::add));
        problems.sort(Comparator.naturalOrder());
        return new ValidationReport(List.copyOf(problems), files.size(), counts[0], counts[1], counts[2]);
    }

    /** Streams the typed facts; for a set that {@link #validate} passed. */
    public void forEach(Schema schema, FactHandler handler) {
        read(schema, p -> {
            throw new IllegalStateException("fact set changed since it was validated: " + p);
        }, r -> { }, handler);
    }

    private void read(Schema schema, java.util.function.Consumer<Problem> problems,
                      java.util.function.Consumer<ItemValidator.Reference> references, FactHandler handler) {
        ReadAhead.read(files, limits, schema, new ReadAhead.Sink() {
            @Override
            public void fact(Fact fact) {
                if (fact instanceof Fact.Source s) {
                    handler.source(s);
                } else if (fact instanceof Fact.Entity e) {
                    handler.entity(e);
                } else {
                    handler.relationship((Fact.Relationship) fact);
                }
            }

            @Override
            public void problem(Problem problem) {
                problems.accept(problem);
            }

            @Override
            public void reference(ItemValidator.Reference reference) {
                references.accept(reference);
            }
        });
    }

    /** What validation found: the problems, sorted by place, and how much was read. */
    public record ValidationReport(List<Problem> problems, int files, int sources, int entities, int relationships) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Ids across all files: duplicates, references and the node types at each end of a relationship. */
    private static final class Index {
        static final String SOURCE = "\u0000source";

        /**
         * What is kept of each declaration (there may be millions): the type, as the one shared string per type,
         * and 64 bits of the content hash, enough to tell a repeat from a conflicting one.
         */
        private record Declared(String type, long hash, Position position) {
        }

        private record PendingEnds(Fact.Relationship relationship) {
        }

        private final Schema schema;
        private final java.util.function.Consumer<Problem> problems;
        private final Map<String, Declared> ids = new HashMap<>();
        private final Map<String, Declared> relationshipKeys = new HashMap<>();
        private final List<ItemValidator.Reference> references = new ArrayList<>();
        private final List<PendingEnds> pendingEnds = new ArrayList<>();
        private final Map<String, String> types = new HashMap<>();

        Index(Schema schema, java.util.function.Consumer<Problem> problems) {
            this.schema = schema;
            this.problems = problems;
        }

        /** True for the first declaration of the id. */
        boolean declare(String id, String type, String hash, Position position) {
            Declared declared = declared(type, hash, position);
            Declared first = ids.putIfAbsent(id, declared);
            if (first != null && first.hash() != declared.hash()) {
                problems.accept(new Problem(position, "duplicate id `" + id + "` with conflicting content (first declared at "
                        + first.position() + ")"));
            }
            return first == null;
        }

        private Declared declared(String type, String hash, Position position) {
            return new Declared(types.computeIfAbsent(type, t -> t), Long.parseUnsignedLong(hash, 0, 16, 16), position);
        }

        void reference(ItemValidator.Reference reference) {
            Declared d = ids.get(reference.id());
            if (d == null || (d.type() == SOURCE) != reference.toSource()) {
                references.add(reference); // may be declared further on
            }
        }

        /** True for the first declaration of the relationship's key. */
        boolean relationship(Fact.Relationship r) {
            Declared declared = declared(r.type(), r.hash(), r.position());
            Declared first = relationshipKeys.putIfAbsent(r.key(), declared);
            if (first != null && first.hash() != declared.hash()) {
                problems.accept(new Problem(r.position(), "duplicate relationship `" + r.key() + "` with conflicting content"
                        + " (first at " + first.position() + "); give each one its own `id`"));
            }
            if (!checkEnds(r, false)) {
                pendingEnds.add(new PendingEnds(r));
            }
            return first == null;
        }

        void resolve() {
            for (ItemValidator.Reference ref : references) {
                Declared d = ids.get(ref.id());
                if (d == null) {
                    problems.accept(new Problem(ref.position(), "reference to undeclared " + (ref.toSource() ? "source" : "id")
                            + " `" + ref.id() + "`" + Suggest.didYouMean(ref.id(), ids.keySet())));
                } else if ((d.type() == SOURCE) != ref.toSource()) {
                    problems.accept(new Problem(ref.position(), "`" + ref.id() + "` is " + (ref.toSource()
                            ? "an entity, not a source" : "a source, not an entity")));
                }
            }
            for (PendingEnds p : pendingEnds) {
                checkEnds(p.relationship(), true);
            }
        }

        /** True when both ends are known (and then reports a disallowed pair); false to check again later. */
        private boolean checkEnds(Fact.Relationship r, boolean last) {
            Declared from = ids.get(r.from());
            Declared to = ids.get(r.to());
            if (from == null || to == null) {
                return false;
            }
            if (from.type() == SOURCE || to.type() == SOURCE) {
                return true; // reported as a reference problem
            }
            RelationshipType type = schema.relationshipType(r.type()).orElseThrow();
            if (!type.allows(from.type(), to.type())) {
                problems.accept(new Problem(r.position(), r.type() + " cannot join " + from.type() + " `" + r.from()
                        + "` to " + to.type() + " `" + r.to() + "`; it joins " + String.join("|", sorted(type.from()))
                        + " to " + String.join("|", sorted(type.to()))));
            }
            return true;
        }

        private static List<String> sorted(java.util.Set<String> s) {
            return s.stream().sorted().toList();
        }
    }
}
