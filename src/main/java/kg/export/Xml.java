package kg.export;

/**
 * How any Java string is made safe for XML 1.0 (as {@link XmlOutput} writes it): the five special characters
 * are escaped, and characters XML 1.0 forbids even as references (most C0 controls, U+FFFE, U+FFFF, unpaired
 * surrogates) become U+FFFD. Tabs, line feeds and carriage returns in attributes, and carriage returns in text, are written as
 * references so that a parser's normalisation gives them back unchanged.
 */
final class Xml {

    static final char REPLACEMENT = '\uFFFD';

    private Xml() {
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

    /** 1 or 2 (a surrogate pair) for a character XML 1.0 allows at {@code i}; 0 for one it forbids. */
    static int legalWidthAt(String s, int i) {
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
