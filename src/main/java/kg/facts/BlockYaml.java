package kg.facts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * The YAML events of a fact file written in plain block style (what programs that write facts, and most
 * people, write), several times faster than SnakeYAML's parser: one line at a time, with no scanner tokens in
 * between. It takes block mappings and sequences, plain and single-line quoted scalars, single-line flow
 * sequences of scalars, comments and blank lines; a file with anything else (flow mappings, anchors, tags,
 * block or multi-line scalars, escapes, tabs, documents markers, unusual characters or indentation) is left to
 * SnakeYAML whole: {@link #of} checks every line before the first event. The events, marks included, are the
 * ones SnakeYAML's parser gives for the same text ({@code BlockYamlTests} compares them).
 */
final class BlockYaml implements Parser {

    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);

    /** ASCII characters a plain scalar, flow entry or key may not start with, or a flow entry or key hold, here. */
    private static final boolean[] PLAIN_START_NOT = ascii("&*!|>%@`{}[],?:#'\"");
    private static final boolean[] FLOW_START_NOT = ascii("&*!|>%@`{}[],?:#-'\"");
    private static final boolean[] FLOW_INSIDE_NOT = ascii("[]{}#:?");
    private static final boolean[] KEY_START_NOT = ascii("&*!|>%@`{}[],?:#'\"- ");
    private static final boolean[] KEY_INSIDE_NOT = ascii("#[]{},'\"");

    private static boolean[] ascii(String characters) {
        boolean[] set = new boolean[128];
        characters.chars().forEach(c -> set[c] = true);
        return set;
    }

    private static boolean is(char c, boolean[] set) {
        return c < 128 && set[c];
    }
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);

    private final String text;
    private final Lines lines;
    /** Events made and not yet taken. */
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final Structure structure;
    private boolean ended;

    private BlockYaml(String text, boolean emit) {
        this.text = text;
        this.lines = new Lines(text);
        this.structure = new Structure(emit ? queue::add : null);
    }

    /** A parser for this text, when every line of it is in the block style this class reads; else empty. */
    static Optional<Parser> of(String text) {
        if (!plainCharacters(text)) {
            return Optional.empty();
        }
        try {
            BlockYaml check = new BlockYaml(text, false);
            while (check.step()) {
                // every line, no events kept
            }
        } catch (Unsupported e) {
            return Optional.empty();
        }
        BlockYaml parser = new BlockYaml(text, true);
        parser.queue.add(new StreamStartEvent(parser.mark(0, 0), parser.mark(0, 0)));
        return Optional.of(parser);
    }

    /**
     * No character SnakeYAML treats specially or counts differently: controls (tab and carriage return
     * included, but for CR LF), NEL and the Unicode line separators, byte-order marks, non-characters, and
     * surrogates (columns here count UTF-16 units, SnakeYAML's count code points).
     */
    private static boolean plainCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f || c == '\n') {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c < 0xa0 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                    || c == '\ufffe' || c == '\uffff') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        Event e = peekEvent();
        return e != null && e.is(choice);
    }

    @Override
    public Event peekEvent() {
        while (queue.isEmpty() && step()) {
            // a line may make no event (a blank line, or a key whose value comes next)
        }
        return queue.peek();
    }

    @Override
    public Event getEvent() {
        Event e = peekEvent();
        queue.poll();
        return e;
    }

    /** Reads one more line (or ends the stream); false when there is nothing left to read. */
    private boolean step() {
        if (ended) {
            return false;
        }
        if (!lines.next()) {
            structure.end(this, lines.line + 1);
            ended = true;
            return true;
        }
        if (!lines.blank()) {
            structure.line(this, lines);
        }
        return true;
    }

    private static final int[] NO_BUFFER = new int[0];

    private Mark mark(int line, int column) {
        return new Mark("", 0, line, column, NO_BUFFER, 0);
    }

    /** Outside the block style this class reads: the file goes to SnakeYAML. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    /** The lines of the text, one at a time. */
    private static final class Lines {
        private final String text;
        private int next;
        private int line = -1;
        /** The current line: [start, end) in the text, without the line break. */
        int start;
        int end;
        int indent;

        Lines(String text) {
            this.text = text;
        }

        boolean next() {
            if (next >= text.length()) {
                return false;
            }
            line++;
            start = next;
            int nl = text.indexOf('\n', start);
            end = nl < 0 ? text.length() : nl;
            next = nl < 0 ? text.length() : nl + 1;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            int i = start;
            while (i < end && text.charAt(i) == ' ') {
                i++;
            }
            indent = i - start;
            return true;
        }

        /** Only spaces, or a comment. */
        boolean blank() {
            int i = start + indent;
            return i == end || text.charAt(i) == '#';
        }
    }

    /** Receives events. */
    private interface Sink {
        void add(Event e);
    }

    /** The open block collections, and what a line means within them. */
    private static final class Structure {
        /** Null while checking: then no event, mark or string is made (a check is a pass over the whole file). */
        private final Sink out;
        /** Open collections, innermost last: indent, and whether a sequence. */
        private final List<int[]> open = new ArrayList<>();
        /** A key whose value is on the lines below (or null): the line and column just after its colon, its column. */
        private boolean pendingKey;
        private int pendingLine;
        private int pendingColumn;
        private int pendingIndent;
        /** The column of the key (or entry dash) whose value ended the last line; -1 when it did not end in a value. */
        private int valueIndent = -1;
        private boolean started;

        Structure(Sink out) {
            this.out = out;
        }

        void line(BlockYaml y, Lines l) {
            String t = y.text;
            int i = l.indent;
            int at = l.start + i;
            boolean dash = t.charAt(at) == '-' && (at + 1 == l.end || t.charAt(at + 1) == ' ');
            int row = l.line;
            if (open.isEmpty()) {
                // The first line with content starts the document's one mapping, which every later line is in.
                if (i != 0 || dash) {
                    throw UNSUPPORTED;
                }
                if (out != null) {
                    out.add(new DocumentStartEvent(y.mark(row, 0), y.mark(row, 0), false, null, null));
                }
                open(y, row, 0, false);
                started = true;
            }
            if (valueIndent >= 0 && i > valueIndent) {
                throw UNSUPPORTED; // a scalar continued on the next line
            }
            valueIndent = -1;
            if (pendingKey) {
                pendingKey = false;
                if (dash && i >= pendingIndent) {
                    open(y, row, i, true);
                } else if (!dash && i > pendingIndent) {
                    open(y, row, i, false);
                } else {
                    emptyValue(y);
                }
            }
            while (true) {
                int[] top = open.get(open.size() - 1);
                if (i < top[0] || (top[1] == 1 && i == top[0] && !dash)) {
                    close(y, row, i, top);
                    if (open.isEmpty()) {
                        throw UNSUPPORTED;
                    }
                } else {
                    break;
                }
            }
            int[] top = open.get(open.size() - 1);
            if (top[0] != i || (top[1] == 1) != dash) {
                throw UNSUPPORTED;
            }
            if (!dash) {
                int colon = keyEnd(t, at, l.end);
                if (colon < 0) {
                    throw UNSUPPORTED;
                }
                keyAndValue(y, row, l, at, colon);
                return;
            }
            int c = skipSpaces(t, at + 1, l.end);
            if (c == l.end || t.charAt(c) == '#') {
                throw UNSUPPORTED; // an entry whose value is on the lines below
            }
            int colon = keyEnd(t, c, l.end);
            if (colon < 0) {
                value(y, row, l, c);
                valueIndent = i; // a deeper line would continue the entry
            } else {
                open(y, row, c - l.start, false);
                keyAndValue(y, row, l, c, colon);
            }
        }

        private void open(BlockYaml y, int row, int column, boolean sequence) {
            open.add(new int[] {column, sequence ? 1 : 0});
            if (out == null) {
                return;
            }
            Mark m = y.mark(row, column);
            out.add(sequence ? new SequenceStartEvent(null, null, true, m, m, DumperOptions.FlowStyle.BLOCK)
                    : new MappingStartEvent(null, null, true, m, m, DumperOptions.FlowStyle.BLOCK));
        }

        private void close(BlockYaml y, int row, int column, int[] top) {
            open.remove(open.size() - 1);
            if (out == null) {
                return;
            }
            Mark m = y.mark(row, column);
            out.add(top[1] == 1 ? new SequenceEndEvent(m, m) : new MappingEndEvent(m, m));
        }

        /** The key at {@code from} (ending at {@code colon}), then its value on this line or a pending one. */
        private void keyAndValue(BlockYaml y, int row, Lines l, int from, int colon) {
            String t = y.text;
            if (out != null) {
                out.add(new ScalarEvent(null, null, PLAIN, t.substring(from, colon), y.mark(row, from - l.start),
                        y.mark(row, colon - l.start), DumperOptions.ScalarStyle.PLAIN));
            }
            int v = colon + 1;
            while (v < l.end && t.charAt(v) == ' ') {
                v++;
            }
            if (v == l.end || t.charAt(v) == '#') {
                if (v < l.end && v == colon + 1) {
                    throw UNSUPPORTED; // "key:#": not a comment
                }
                pendingKey = true;
                pendingLine = row;
                pendingColumn = colon + 1 - l.start;
                pendingIndent = from - l.start;
                return;
            }
            value(y, row, l, v);
            valueIndent = from - l.start; // a deeper line would continue the value
        }

        /** A scalar or flow sequence from {@code v} to the end of the line (bar a comment). */
        private void value(BlockYaml y, int row, Lines l, int v) {
            String t = y.text;
            char c = t.charAt(v);
            int end;
            if (c == '[') {
                end = flowSequence(y, row, l, v);
            } else if (c == '\'' || c == '"') {
                end = quoted(y, row, l, v, l.end);
            } else {
                end = plain(y, row, l, v);
            }
            rest(t, end, l.end);
        }

        /** Only spaces after a value, then maybe a comment (after at least one space). */
        private static void rest(String t, int from, int end) {
            int i = from;
            while (i < end && t.charAt(i) == ' ') {
                i++;
            }
            if (i < end && (t.charAt(i) != '#' || i == from)) {
                throw UNSUPPORTED;
            }
        }

        private int plain(BlockYaml y, int row, Lines l, int v) {
            String t = y.text;
            char c = t.charAt(v);
            if (is(c, PLAIN_START_NOT) || (c == '-' && (v + 1 == l.end || t.charAt(v + 1) == ' '))) {
                throw UNSUPPORTED;
            }
            int end = v;
            int last = v; // after the last non-space character
            while (end < l.end) {
                char ch = t.charAt(end);
                if (ch == '#' && t.charAt(end - 1) == ' ') {
                    break;
                }
                if (ch == ':' && (end + 1 == l.end || t.charAt(end + 1) == ' ')) {
                    throw UNSUPPORTED;
                }
                end++;
                if (ch != ' ') {
                    last = end;
                }
            }
            scalar(y, row, l, v, last, null, true);
            return last;
        }

        /** A single- or double-quoted scalar closed on this line (double-quoted: without escapes); returns its end. */
        private int quoted(BlockYaml y, int row, Lines l, int v, int limit) {
            String t = y.text;
            char q = t.charAt(v);
            StringBuilder value = null;
            int i = v + 1;
            while (true) {
                if (i >= limit) {
                    throw UNSUPPORTED; // continues on the next line
                }
                char ch = t.charAt(i);
                if (q == '"' && ch == '\\') {
                    throw UNSUPPORTED;
                }
                if (ch == q) {
                    if (q == '\'' && i + 1 < limit && t.charAt(i + 1) == '\'') {
                        if (out != null) {
                            if (value == null) {
                                value = new StringBuilder(t.substring(v + 1, i));
                            }
                            value.append('\'');
                        }
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (value != null) {
                    value.append(ch);
                }
                i++;
            }
            scalar(y, row, l, v, i + 1, value, false);
            return i + 1;
        }

        private int flowSequence(BlockYaml y, int row, Lines l, int v) {
            String t = y.text;
            if (out != null) {
                out.add(new SequenceStartEvent(null, null, true, y.mark(row, v - l.start), y.mark(row, v - l.start),
                        DumperOptions.FlowStyle.FLOW));
            }
            int i = skipSpaces(t, v + 1, l.end);
            if (i < l.end && t.charAt(i) == ']') {
                sequenceEnd(y, row, l, i);
                return i + 1;
            }
            while (true) {
                if (i >= l.end) {
                    throw UNSUPPORTED;
                }
                char c = t.charAt(i);
                int end;
                if (c == '\'' || c == '"') {
                    end = quoted(y, row, l, i, l.end);
                } else {
                    if (is(c, FLOW_START_NOT)) {
                        throw UNSUPPORTED;
                    }
                    end = i;
                    int last = i;
                    while (end < l.end) {
                        char ch = t.charAt(end);
                        if (ch == ',' || ch == ']') {
                            break;
                        }
                        if (is(ch, FLOW_INSIDE_NOT)) {
                            throw UNSUPPORTED;
                        }
                        end++;
                        if (ch != ' ') {
                            last = end;
                        }
                    }
                    scalar(y, row, l, i, last, null, true);
                    end = last;
                }
                i = skipSpaces(t, end, l.end);
                if (i >= l.end) {
                    throw UNSUPPORTED;
                }
                if (t.charAt(i) == ']') {
                    sequenceEnd(y, row, l, i);
                    return i + 1;
                }
                if (t.charAt(i) != ',') {
                    throw UNSUPPORTED;
                }
                i = skipSpaces(t, i + 1, l.end);
                if (i < l.end && t.charAt(i) == ']') {
                    throw UNSUPPORTED; // a trailing comma
                }
            }
        }

        private static int skipSpaces(String t, int i, int end) {
            while (i < end && t.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        private void sequenceEnd(BlockYaml y, int row, Lines l, int bracket) {
            if (out != null) {
                out.add(new SequenceEndEvent(y.mark(row, bracket - l.start), y.mark(row, bracket + 1 - l.start)));
            }
        }

        /**
         * The scalar written from {@code from} to {@code to}: plain as it stands, quoted without its quotes, or as
         * {@code unquoted} when it held doubled single quotes.
         */
        private void scalar(BlockYaml y, int row, Lines l, int from, int to, StringBuilder unquoted, boolean plain) {
            if (out == null) {
                return;
            }
            String value = unquoted != null ? unquoted.toString()
                    : plain ? y.text.substring(from, to) : y.text.substring(from + 1, to - 1);
            out.add(new ScalarEvent(null, null, plain ? PLAIN : QUOTED, value, y.mark(row, from - l.start),
                    y.mark(row, to - l.start), plain ? DumperOptions.ScalarStyle.PLAIN
                    : (y.text.charAt(from) == '"' ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : DumperOptions.ScalarStyle.SINGLE_QUOTED)));
        }

        /** The null value of a key with nothing after it, marked where SnakeYAML marks it: just after the colon. */
        private void emptyValue(BlockYaml y) {
            if (out == null) {
                return;
            }
            Mark m = y.mark(pendingLine, pendingColumn);
            out.add(new ScalarEvent(null, null, PLAIN, "", m, m, DumperOptions.ScalarStyle.PLAIN));
        }

        /**
         * Where a plain key starting at {@code from} ends (its colon, followed by a space or the line's end), or -1
         * when the text there is not a plain key of the simple kind this class reads.
         */
        private static int keyEnd(String t, int from, int end) {
            char c = t.charAt(from);
            if (is(c, KEY_START_NOT)) {
                return -1;
            }
            for (int i = from; i < end; i++) {
                char ch = t.charAt(i);
                if (ch == ':' && (i + 1 == end || t.charAt(i + 1) == ' ')) {
                    return t.charAt(i - 1) == ' ' ? -1 : i; // "key :" is left to SnakeYAML
                }
                if (is(ch, KEY_INSIDE_NOT)) {
                    return -1;
                }
            }
            return -1;
        }

        /** Closes what is open at the end of the text, marked at the start of row {@code row}. */
        void end(BlockYaml y, int row) {
            if (pendingKey) {
                pendingKey = false;
                emptyValue(y);
            }
            if (out == null) {
                open.clear();
                return;
            }
            Mark m = y.mark(row, 0);
            for (int k = open.size() - 1; k >= 0; k--) {
                out.add(open.get(k)[1] == 1 ? new SequenceEndEvent(m, m) : new MappingEndEvent(m, m));
            }
            open.clear();
            if (started) {
                out.add(new DocumentEndEvent(m, m, false));
            }
            out.add(new StreamEndEvent(m, m));
        }
    }
}
