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
import kg.ids.IdList;
import kg.ids.IdTable;
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

    /** These files only, in their order here (each must be one of this set's). */
    public FactSet subset(List<Path> keep) {
        if (!files.containsAll(keep)) {
            throw new IllegalArgumentException("not files of this set: " + keep);
        }
        return new FactSet(files.stream().filter(new java.util.HashSet<>(keep)::contains).toList(), limits);
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

    /**
     * What files left out of a pass declared, as far as checking the files read needs it: a set read in part
     * (the files that changed since a load) is checked as if the others were read too, for ids and keys.
     */
    public interface Unread {
        Unread NONE = new Unread() {
            @Override
            public Known node(String id) {
                return null;
            }

            @Override
            public Known relationship(String key) {
                return null;
            }
        };

        /** The source or entity an unread file declares with this id, or null. */
        Known node(String id);

        /** The relationship an unread file declares with this key, or null. */
        Known relationship(String key);

        /**
         * Told, before references are resolved, every id they name that the files read do not declare: a chance
         * to look them up together rather than one {@link #node} at a time.
         */
        default void prefetch(java.util.Collection<String> ids) {
        }
    }

    /**
     * A declaration in an unread file: the entity or relationship type (null for a source) and the content
     * hash ({@link Fact#hash()}).
     */
    public record Known(String type, String hash) {
    }

    /** Checks every file and all references between them; with a sources folder, also every quote. */
    public ValidationReport validate(Schema schema, Optional<Path> sourcesDir) {
        return validate(schema, sourcesDir, new FactHandler() { }, Unread.NONE, false);
    }

    /**
     * Checks the set as {@link #validate(Schema, Optional)} does and, in the same pass, hands {@code handler}
     * each fact that passed its own checks, once per id or relationship key (a repeated declaration is not
     * handed again). Problems between facts (references, conflicting duplicates, quotes) are known only at the
     * end, so whoever acted on the facts must undo that unless the report is valid.
     */
    public ValidationReport validate(Schema schema, Optional<Path> sourcesDir, FactHandler handler) {
        return validate(schema, sourcesDir, handler, Unread.NONE);
    }

    /**
     * Validates these files as part of a larger set whose other files are {@code unread}: ids and keys those
     * declare resolve references and count as first declarations (a fact that repeats one is not handed over,
     * one that conflicts with one is a problem). Problems inside the unread files themselves, and references
     * from them, are not looked for.
     */
    public ValidationReport validate(Schema schema, Optional<Path> sourcesDir, FactHandler handler, Unread unread) {
        return validate(schema, sourcesDir, handler, unread, true);
    }

    /** With {@code recordFiles} false, the report's {@code fileFacts} are left empty: only a load keeps them. */
    private ValidationReport validate(Schema schema, Optional<Path> sourcesDir, FactHandler handler, Unread unread,
                                      boolean recordFiles) {
        List<Problem> problems = new ArrayList<>();
        Index index = new Index(schema, problems::add, unread);
        List<Fact.Citation> quoted = new ArrayList<>();
        Map<String, String> originOf = new HashMap<>();
        int[] counts = new int[3];
        FileFacts.Recorder recorder = new FileFacts.Recorder(recordFiles);
        read(schema, problems::add, reference -> {
            recorder.referenced(reference.toSource() ? FileFacts.SOURCE : FileFacts.ENTITY, reference.id());
            index.reference(reference);
        }, file -> recorder.file(file.toAbsolutePath().normalize().toString()), new FactHandler() {
            @Override
            public void source(Fact.Source s) {
                counts[0]++;
                recorder.declaredSource(s.id(), s.hash());
                originOf.put(s.id(), String.valueOf(s.properties().get("origin")));
                if (index.declare(s.id(), Index.SOURCE, s.hash(), s.position())) {
                    handler.source(s);
                }
            }

            @Override
            public void entity(Fact.Entity e) {
                counts[1]++;
                recorder.declaredEntity(e.id(), e.type(), e.hash());
                if (index.declare(e.id(), e.type(), e.hash(), e.position())) {
                    handler.entity(e);
                }
            }

            @Override
            public void relationship(Fact.Relationship r) {
                counts[2]++;
                recorder.declaredRelationship(r.type(), r.key(), r.hash());
                if (sourcesDir.isPresent()) {
                    r.citations().stream().filter(c -> c.quote() != null).forEach(quoted::add);
                }
                if (index.relationship(r)) {
                    handler.relationship(r);
                }
            }
        });
        List<FileFacts> fileFacts = recorder.finish();
        index.resolve();
        sourcesDir.ifPresent(dir -> new QuoteChecker(dir).check(quoted, originOf, problems::add));
        problems.sort(Comparator.naturalOrder());
        return new ValidationReport(List.copyOf(problems), files.size(), counts[0], counts[1], counts[2], fileFacts);
    }

    /** Streams the typed facts; for a set that {@link #validate} passed. */
    public void forEach(Schema schema, FactHandler handler) {
        read(schema, p -> {
            throw new IllegalStateException("fact set changed since it was validated: " + p);
        }, r -> { }, f -> { }, handler);
    }

    private void read(Schema schema, java.util.function.Consumer<Problem> problems,
                      java.util.function.Consumer<ItemValidator.Reference> references,
                      java.util.function.Consumer<Path> fileStarts, FactHandler handler) {
        ReadAhead.read(files, limits, schema, new ReadAhead.Sink() {
            @Override
            public void file(int index) {
                fileStarts.accept(files.get(index));
            }

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

    /**
     * What validation found: the problems, sorted by place, how much was read, and what each file declared and
     * referred to (in file order).
     */
    public record ValidationReport(List<Problem> problems, int files, int sources, int entities, int relationships,
                                   List<FileFacts> fileFacts) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Ids across all files: duplicates, references and the node types at each end of a relationship. What it
     * holds per declaration and pending reference (there are millions) is packed: {@link IdTable}, {@link IdList},
     * {@link PackedPositions}.
     */
    private static final class Index {
        static final String SOURCE = "\u0000source";
        private static final long NOWHERE = Long.MIN_VALUE;

        /**
         * A declaration as looked at: the type, as the one shared string per type, 64 bits of the content hash
         * (enough to tell a repeat from a conflicting one), and where ({@link #NOWHERE} for an unread file's).
         */
        private record Declared(String type, long hash, long at) {
        }

        private final Schema schema;
        private final java.util.function.Consumer<Problem> problems;
        private final PackedPositions positions = new PackedPositions();
        private final Map<String, Integer> typeTags = new HashMap<>();
        private final List<String> types = new ArrayList<>();
        private final IdTable ids = new IdTable();
        private final IdTable relationshipKeys = new IdTable();
        /** References not resolved as they were read; the tag is 1 for one to a source. */
        private final IdList references = new IdList();
        /**
         * Relationships whose ends were not both declared when read: two entries each, the {@code from} id
         * (tagged with the type, valued with the position) and then the {@code to} id.
         */
        private final IdList pendingEnds = new IdList();
        private final Unread unread;

        Index(Schema schema, java.util.function.Consumer<Problem> problems, Unread unread) {
            this.schema = schema;
            this.problems = problems;
            this.unread = unread;
            tag(SOURCE);
        }

        private int tag(String type) {
            return typeTags.computeIfAbsent(type, t -> {
                types.add(t);
                return types.size() - 1;
            });
        }

        /** True for the first declaration of the id. */
        boolean declare(String id, String type, String hash, Position position) {
            return first(ids, id, type, hash, position, unread::node, first -> "duplicate id `" + id
                    + "` with conflicting content (first declared at " + where(first) + ")");
        }

        /** True for the first declaration of the relationship's key. */
        boolean relationship(Fact.Relationship r) {
            boolean first = first(relationshipKeys, r.key(), r.type(), r.hash(), r.position(), unread::relationship,
                    earlier -> "duplicate relationship `" + r.key() + "` with conflicting content (first at "
                            + where(earlier) + "); give each one its own `id`");
            if (!checkEnds(r.type(), r.from(), r.to(), r.position(), false)) {
                int tag = tag(r.type());
                pendingEnds.add(IdList.bytes(r.from()), tag, positions.pack(r.position()));
                pendingEnds.add(IdList.bytes(r.to()), tag, NOWHERE);
            }
            return first;
        }

        /** Declares in {@code table}; true for the first declaration, reporting a conflicting repeat. */
        private boolean first(IdTable table, String id, String type, String hash, Position position,
                              java.util.function.Function<String, Known> unreadDeclaration,
                              java.util.function.Function<Declared, String> conflict) {
            int tag = tag(type);
            long bits = FileFacts.hashBits(hash);
            int entry = table.putIfAbsent(id, tag, bits, positions.pack(position));
            Declared first = entry >= 0 ? declared(table, entry) : unread(unreadDeclaration.apply(id));
            if (first != null && (first.hash() != bits || !first.type().equals(type))) {
                problems.accept(new Problem(position, conflict.apply(first)));
            }
            return first == null;
        }

        private Declared declared(IdTable table, int entry) {
            return new Declared(types.get(table.tag(entry)), table.hash(entry), table.value(entry));
        }

        /**
         * The last two ids found, by identity: a relationship's ends are looked up as references while it is read
         * and again when its ends are checked, as the same strings. Only found ids are kept (they never change).
         */
        private final String[] recentIds = new String[2];
        private final Declared[] recent = new Declared[2];
        private int nextRecent;

        /** A declaration in this pass's files, or null. */
        private Declared read(String id) {
            if (id == recentIds[0]) {
                return recent[0];
            }
            if (id == recentIds[1]) {
                return recent[1];
            }
            int entry = ids.find(id);
            if (entry < 0) {
                return null;
            }
            Declared d = declared(ids, entry);
            recentIds[nextRecent] = id;
            recent[nextRecent] = d;
            nextRecent ^= 1;
            return d;
        }

        /** A declaration in this pass's files, else in the unread ones, else null. */
        private Declared lookup(String id) {
            Declared d = read(id);
            return d != null ? d : unread(unread.node(id));
        }

        private Declared unread(Known known) {
            if (known == null) {
                return null;
            }
            String type = known.type() == null ? SOURCE : types.get(tag(known.type()));
            boolean hashed = known.hash() != null && known.hash().length() >= 16;
            return new Declared(type, hashed ? FileFacts.hashBits(known.hash()) : 0, NOWHERE);
        }

        private String where(Declared d) {
            return d.at() == NOWHERE ? "a file not read in this load" : positions.unpack(d.at()).toString();
        }

        void reference(ItemValidator.Reference reference) {
            // Only this pass's declarations: ids the unread files declare are looked up together, at the end.
            Declared d = read(reference.id());
            if (d == null || (d.type() == SOURCE) != reference.toSource()) {
                // may be declared further on
                references.add(IdList.bytes(reference.id()), reference.toSource() ? 1 : 0,
                        positions.pack(reference.position()));
            }
        }

        void resolve() {
            java.util.Set<String> elsewhere = new java.util.HashSet<>();
            for (int i = 0; i < references.size(); i++) {
                elsewhere.add(references.id(i));
            }
            for (int i = 0; i < pendingEnds.size(); i++) {
                elsewhere.add(pendingEnds.id(i));
            }
            elsewhere.removeIf(id -> ids.find(id) >= 0);
            unread.prefetch(elsewhere);
            for (int i = 0; i < references.size(); i++) {
                String id = references.id(i);
                boolean toSource = references.tag(i) == 1;
                Position position = positions.unpack(references.value(i));
                Declared d = lookup(id);
                if (d == null) {
                    problems.accept(new Problem(position, "reference to undeclared " + (toSource ? "source" : "id")
                            + " `" + id + "`" + Suggest.didYouMean(id, ids.ids())));
                } else if ((d.type() == SOURCE) != toSource) {
                    problems.accept(new Problem(position, "`" + id + "` is " + (toSource
                            ? "an entity, not a source" : "a source, not an entity")));
                }
            }
            for (int i = 0; i < pendingEnds.size(); i += 2) {
                checkEnds(types.get(pendingEnds.tag(i)), pendingEnds.id(i), pendingEnds.id(i + 1),
                        positions.unpack(pendingEnds.value(i)), true);
            }
        }

        /**
         * True when both ends are known (and then reports a disallowed pair); false to check again later. Before
         * the {@code last} check, only this pass's declarations are asked.
         */
        private boolean checkEnds(String typeName, String fromId, String toId, Position position, boolean last) {
            Declared from = last ? lookup(fromId) : read(fromId);
            Declared to = last ? lookup(toId) : read(toId);
            if (from == null || to == null) {
                return false;
            }
            if (from.type() == SOURCE || to.type() == SOURCE) {
                return true; // reported as a reference problem
            }
            RelationshipType type = schema.relationshipType(typeName).orElseThrow();
            if (!type.allows(from.type(), to.type())) {
                problems.accept(new Problem(position, typeName + " cannot join " + from.type() + " `" + fromId
                        + "` to " + to.type() + " `" + toId + "`; it joins " + String.join("|", sorted(type.from()))
                        + " to " + String.join("|", sorted(type.to()))));
            }
            return true;
        }

        private static List<String> sorted(java.util.Set<String> s) {
            return s.stream().sorted().toList();
        }
    }
}
