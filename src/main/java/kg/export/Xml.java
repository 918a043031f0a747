package kg.export;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes text into XML 1.0 so that any Java string is safe: the five special characters are escaped, and
 * characters XML 1.0 forbids even as references (most C0 controls, U+FFFE, U+FFFF, unpaired surrogates) become
 * U+FFFD. Tabs, line feeds and carriage returns in attributes, and carriage returns in text, are written as
 * references so that a parser's normalisation gives them back unchanged.
 */
final class Xml {

    static final char REPLACEMENT = '\uFFFD';

    private Xml() {
    }

    /** Character data of an element. With {@code asciiOnly}, anything beyond ASCII is a character reference. */
    static void text(String s, Writer out, boolean asciiOnly) throws IOException {
        write(s, out, asciiOnly, false);
    }

    /** The value of an attribute, to go between double quotes. */
    static void attribute(String s, Writer out, boolean asciiOnly) throws IOException {
        write(s, out, asciiOnly, true);
    }

    /** The string as XML 1.0 can carry it: every character it forbids replaced by U+FFFD. */
    static String legal(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int width = legalWidthAt(s, i);
            if (width == 0) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append(REPLACEMENT);
            } else {
                if (sb != null) {
                    sb.append(c);
                    if (width == 2) {
                        sb.append(s.charAt(i + 1));
                    }
                }
                i += width - 1;
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static void write(String s, Writer out, boolean asciiOnly, boolean attribute) throws IOException {
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
                continue; // the common case, copied in runs
            }
            out.write(s, start, i - start);
            int width = legalWidthAt(s, i);
            if (width == 0) {
                if (asciiOnly) {
                    out.write("&#xFFFD;");
                } else {
                    out.write(REPLACEMENT);
                }
            } else if (width == 2) {
                if (asciiOnly) {
                    out.write("&#x" + Integer.toHexString(s.codePointAt(i)).toUpperCase(java.util.Locale.ROOT) + ";");
                } else {
                    out.write(s, i, 2);
                }
                i++;
            } else {
                switch (c) {
                    case '&' -> out.write("&amp;");
                    case '<' -> out.write("&lt;");
                    case '>' -> out.write("&gt;");
                    case '"' -> out.write(attribute ? "&quot;" : "\"");
                    case '\'' -> out.write(attribute ? "&apos;" : "'");
                    case '\r' -> out.write("&#13;");
                    case '\t' -> out.write(attribute ? "&#9;" : "\t");
                    case '\n' -> out.write(attribute ? "&#10;" : "\n");
                    default -> {
                        if (asciiOnly && c > 0x7E) {
                            out.write("&#x" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ";");
                        } else {
                            out.write(c);
                        }
                    }
                }
            }
            start = i + 1;
        }
        out.write(s, start, s.length() - start);
    }

    /** 1 or 2 (a surrogate pair) for a character XML 1.0 allows at {@code i}; 0 for one it forbids. */
    private static int legalWidthAt(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 0;
        }
        if (Character.isLowSurrogate(c)) {
            return 0; // a low surrogate not preceded by a high one (pairs are consumed whole above)
        }
        return c == '\uFFFE' || c == '\uFFFF' ? 0 : 1;
    }

    /**
     * A value for an attribute of XML Schema type NMTOKEN (GraphML's ids, key names, sources and targets): ASCII
     * letters, digits and {@code . - _ :} pass unchanged (every kg id is made of these); any other character is
     * written as {@code _xHEX_}, so that distinct keys stay distinct in practice.
     */
    static String nmtoken(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == ':';
            if (ok) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            int cp = s.codePointAt(i);
            sb.append("_x").append(Integer.toHexString(cp)).append('_');
            i += Character.charCount(cp) - 1;
        }
        if (sb == null) {
            return s.isEmpty() ? "_" : s;
        }
        return sb.toString();
    }
}
