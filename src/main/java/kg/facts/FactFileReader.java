package kg.facts;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Streams the items of one fact file: each entry of its {@code sources}, {@code entities} and
 * {@code relationships} lists is built as a small {@link YNode} tree and handed over at once, so a file of a
 * million facts never holds more than one of them in memory. Works on YAML events, not on a composed
 * document, and never constructs Java objects from tags.
 */
public final class FactFileReader {

    /** The top-level lists of a fact file. */
    public enum Section {
        SOURCES, ENTITIES, RELATIONSHIPS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Receives the items of a file in order, and whatever is wrong with its shape. */
    public interface Handler {
        void item(Section section, YNode.Mapping item);

        void problem(Problem problem);
    }

    private final String fileName;
    private final FactLimits limits;
    private final Handler handler;
    private final Map<String, YNode> anchors = new HashMap<>();
    private Parser parser;
    private int aliasBudget;

    private FactFileReader(String fileName, FactLimits limits, Handler handler) {
        this.fileName = fileName;
        this.limits = limits;
        this.handler = handler;
    }

    /** Reads {@code file}, naming it {@code fileName} in positions. */
    public static void read(Path file, String fileName, FactLimits limits, Handler handler) {
        new FactFileReader(fileName, limits, handler).read(file);
    }

    private void read(Path file) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new LimitedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder),
                limits.maxCodePointsPerFile())) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(Integer.MAX_VALUE); // bounded by LimitedReader, which also bounds one huge scalar
            if (Files.size(file) <= WHOLE_FILE_BYTES) {
                // Read whole: a file in plain block style goes to the faster BlockYaml, any other to SnakeYAML.
                String text = readAll(reader, (int) Files.size(file));
                parser = BlockYaml.of(text).orElseGet(() -> new ParserImpl(new StreamReader(text), options));
            } else {
                parser = new ParserImpl(new StreamReader(reader), options);
            }
            readStream();
        } catch (FileTooLarge e) {
            problem(new Position(fileName, 1, 1), "file is larger than " + limits.maxCodePointsPerFile()
                    + " characters: split the facts over several files");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problem(position(mark), "YAML syntax error: " + oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                problem(new Position(fileName, 1, 1), "file is not valid UTF-8");
            } else {
                problem(new Position(fileName, 1, 1), "YAML error: " + oneLine(e.getMessage()));
            }
        } catch (Shape e) {
            // reported already; the rest of the file cannot be read reliably
        } catch (CharacterCodingException e) {
            problem(new Position(fileName, 1, 1), "file is not valid UTF-8");
        } catch (IOException e) {
            problem(new Position(fileName, 1, 1), "cannot read file: " + e.getMessage());
        }
    }

    /** Files up to this size are read into memory whole (one per reading thread at a time). */
    private static final long WHOLE_FILE_BYTES = 32L << 20;

    private static String readAll(Reader reader, int bytes) throws IOException {
        StringBuilder text = new StringBuilder(bytes); // as many characters as bytes, or fewer
        char[] buffer = new char[1 << 16];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private void readStream() {
        expect(Event.ID.StreamStart);
        boolean sawDocument = false;
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event start = expect(Event.ID.DocumentStart);
            if (sawDocument) {
                problem(position(start.getStartMark()), "a fact file holds one YAML document; split it into files");
                throw new Shape();
            }
            sawDocument = true;
            readDocument();
            expect(Event.ID.DocumentEnd);
        }
    }

    private void readDocument() {
        Event top = parser.getEvent();
        if (top instanceof ScalarEvent s && isNull(s)) {
            return; // an empty file holds no facts
        }
        if (!(top instanceof MappingStartEvent)) {
            problem(position(top.getStartMark()), "a fact file is a mapping with sources, entities and relationships lists");
            throw new Shape();
        }
        List<String> seen = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.getEvent();
            if (!(keyEvent instanceof ScalarEvent key)) {
                problem(position(keyEvent.getStartMark()), "top-level keys must be plain words");
                throw new Shape();
            }
            Section section = section(key.getValue());
            Position keyPos = position(key.getStartMark());
            if (section == null) {
                problem(keyPos, "unknown top-level key `" + key.getValue() + "` (expected sources, entities or relationships)");
                skipNode();
                continue;
            }
            if (seen.contains(section.key())) {
                problem(keyPos, "duplicate top-level key `" + section.key() + "`");
            }
            seen.add(section.key());
            readSection(section, keyPos);
        }
        parser.getEvent();
    }

    private void readSection(Section section, Position keyPos) {
        Event value = parser.peekEvent();
        if (value instanceof ScalarEvent s && isNull(s)) {
            parser.getEvent();
            return;
        }
        if (!(value instanceof SequenceStartEvent)) {
            problem(position(value.getStartMark()), "`" + section.key() + "` must be a list");
            skipNode();
            return;
        }
        parser.getEvent();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            aliasBudget = limits.maxAliasExpansionPerItem();
            YNode item;
            try {
                item = node(1);
            } catch (ItemTooBig e) {
                continue;
            }
            if (item instanceof YNode.Mapping m) {
                handler.item(section, m);
            } else {
                problem(item.position(), "each entry of `" + section.key() + "` must be a mapping, not " + item.kind());
            }
        }
        parser.getEvent();
    }

    private YNode node(int depth) {
        Event e = parser.getEvent();
        Position pos = position(e.getStartMark());
        if (depth > limits.maxDepth()) {
            problem(pos, "nesting deeper than " + limits.maxDepth() + " levels");
            throw new Shape();
        }
        YNode node;
        if (e instanceof AliasEvent alias) {
            YNode target = anchors.get(alias.getAnchor());
            if (target == null) {
                problem(pos, "unknown alias *" + alias.getAnchor());
                throw new Shape();
            }
            aliasBudget -= target.size();
            if (aliasBudget < 0) {
                problem(pos, "aliases expand to more than " + limits.maxAliasExpansionPerItem()
                        + " values in one entry (a billion-laughs file?)");
                drainItem(depth);
                throw new ItemTooBig();
            }
            return target;
        } else if (e instanceof ScalarEvent s) {
            node = new YNode.Scalar(s.getValue(), s.isPlain(), pos);
        } else if (e instanceof SequenceStartEvent) {
            List<YNode> items = new ArrayList<>();
            int size = 1;
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                YNode child = node(depth + 1);
                size += child.size();
                items.add(child);
            }
            parser.getEvent();
            node = new YNode.Sequence(List.copyOf(items), pos, size);
        } else if (e instanceof MappingStartEvent) {
            Map<String, YNode.Entry> entries = new LinkedHashMap<>();
            int size = 1;
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                YNode key = node(depth + 1);
                YNode value = node(depth + 1);
                size += value.size() + 1;
                if (!(key instanceof YNode.Scalar k)) {
                    problem(key.position(), "keys must be plain words, not " + key.kind());
                    continue;
                }
                if (entries.containsKey(k.value())) {
                    problem(k.position(), "duplicate key `" + k.value() + "`");
                    continue;
                }
                entries.put(k.value(), new YNode.Entry(k.value(), k.position(), value));
            }
            parser.getEvent();
            node = new YNode.Mapping(entries, pos, size);
        } else {
            problem(pos, "unexpected " + e.getEventId());
            throw new Shape();
        }
        if (e instanceof NodeEvent ne && ne.getAnchor() != null) {
            anchors.put(ne.getAnchor(), node);
        }
        return node;
    }

    /** After an over-budget alias, consume the rest of the current list entry. */
    private void drainItem(int depth) {
        int open = depth - 1;
        while (open > 0) {
            Event e = parser.getEvent();
            if (e.is(Event.ID.MappingStart) || e.is(Event.ID.SequenceStart)) {
                open++;
            } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                open--;
            }
        }
    }

    private void skipNode() {
        int open = 0;
        do {
            Event e = parser.getEvent();
            if (e.is(Event.ID.MappingStart) || e.is(Event.ID.SequenceStart)) {
                open++;
            } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                open--;
            }
        } while (open > 0);
    }

    private Event expect(Event.ID id) {
        Event e = parser.getEvent();
        if (!e.is(id)) {
            problem(position(e.getStartMark()), "unexpected " + e.getEventId() + " where " + id + " was expected");
            throw new Shape();
        }
        return e;
    }

    private static boolean isNull(ScalarEvent s) {
        return new YNode.Scalar(s.getValue(), s.isPlain(), null).isNull();
    }

    private static Section section(String key) {
        for (Section s : Section.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    private Position position(Mark mark) {
        return mark == null ? new Position(fileName, 1, 1) : new Position(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void problem(Position pos, String message) {
        handler.problem(new Problem(pos, message));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** The file's shape is broken past recovery; the problem was reported. */
    private static final class Shape extends RuntimeException {
        Shape() {
            super(null, null, false, false);
        }
    }

    private static final class ItemTooBig extends RuntimeException {
        ItemTooBig() {
            super(null, null, false, false);
        }
    }

    private static final class FileTooLarge extends RuntimeException {
        FileTooLarge() {
            super(null, null, false, false);
        }
    }

    /** Stops reading past a number of characters, before any one token can grow without bound. */
    private static final class LimitedReader extends FilterReader {
        private long left;

        LimitedReader(Reader in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, (int) Math.min(len, Math.max(1, left + 1)));
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new FileTooLarge();
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && --left < 0) {
                throw new FileTooLarge();
            }
            return c;
        }
    }
}
