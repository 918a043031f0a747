package kg.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * XML as UTF-8 bytes into a stream, through a buffer of its own: markup goes as it is, text is made safe for
 * XML 1.0 as {@link Xml} describes. Encoding as it escapes, rather than through a {@code Writer}'s encoder,
 * avoids a second pass over every character (writing took 7 % of a 1M-entity export that way). Counts what
 * it writes, so that a value's place in an element can be noted.
 */
final class XmlOutput {

    /** The most bytes one character of text can take: a surrogate pair as {@code &#x10FFFF;} is ten. */
    private static final int MAX_BYTES_PER_CHAR = 10;
    private static final int CHUNK = 4096;

    private final OutputStream out;
    private final boolean asciiOnly;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private long flushed;

    /** With {@code asciiOnly}, every character beyond ASCII is a character reference (for terminals). */
    XmlOutput(OutputStream out, boolean asciiOnly) {
        this.out = out;
        this.asciiOnly = asciiOnly;
    }

    /** Bytes written so far. */
    long position() {
        return flushed + used;
    }

    /** Markup and NMTOKENs: ASCII that needs no escaping. */
    void markup(String s) {
        for (int start = 0; start < s.length(); start += CHUNK) {
            int end = Math.min(s.length(), start + CHUNK);
            room(end - start);
            for (int i = start; i < end; i++) {
                buffer[used++] = (byte) s.charAt(i);
            }
        }
    }

    void bytes(byte[] bytes, int offset, int length) {
        if (length > buffer.length - used) {
            flushBuffer();
            if (length > buffer.length) {
                write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, used, length);
        used += length;
    }

    /** Character data of an element. */
    void text(String s) {
        escaped(s, false);
    }

    /** The value of an attribute, to go between double quotes. */
    void attribute(String s) {
        escaped(s, true);
    }

    void flush() {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void escaped(String s, boolean attribute) {
        int length = s.length();
        int i = 0;
        while (i < length) {
            int end = Math.min(length, i + CHUNK);
            // A surrogate pair that straddles the end is taken whole, hence one character more of room.
            room((end - i + 1) * MAX_BYTES_PER_CHAR);
            i = escapedChunk(s, i, end, attribute);
        }
    }

    /** Writes characters from {@code start} up to at least {@code end}; returns where it stopped. */
    private int escapedChunk(String s, int start, int end, boolean attribute) {
        byte[] b = buffer;
        int at = used;
        int i = start;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
                b[at++] = (byte) c; // the common case
                continue;
            }
            int width = Xml.legalWidthAt(s, i);
            if (width == 0) {
                at = asciiOnly ? ascii("&#xFFFD;", at) : utf8(Xml.REPLACEMENT, at);
            } else if (width == 2) {
                int cp = s.codePointAt(i);
                at = asciiOnly ? reference(cp, at) : utf8(cp, at);
                i++;
            } else {
                at = switch (c) {
                    case '&' -> ascii("&amp;", at);
                    case '<' -> ascii("&lt;", at);
                    case '>' -> ascii("&gt;", at);
                    case '"' -> attribute ? ascii("&quot;", at) : put('"', at);
                    case '\'' -> attribute ? ascii("&apos;", at) : put('\'', at);
                    case '\r' -> ascii("&#13;", at);
                    case '\t' -> attribute ? ascii("&#9;", at) : put('\t', at);
                    case '\n' -> attribute ? ascii("&#10;", at) : put('\n', at);
                    default -> asciiOnly && c > 0x7E ? reference(c, at) : utf8(c, at);
                };
            }
        }
        used = at;
        return i;
    }

    private int put(char c, int at) {
        buffer[at] = (byte) c;
        return at + 1;
    }

    private int ascii(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            buffer[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    private int reference(int codePoint, int at) {
        return ascii("&#x" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT) + ";", at);
    }

    private int utf8(int cp, int at) {
        byte[] b = buffer;
        if (cp < 0x80) {
            b[at++] = (byte) cp;
        } else if (cp < 0x800) {
            b[at++] = (byte) (0xC0 | cp >> 6);
            b[at++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            b[at++] = (byte) (0xE0 | cp >> 12);
            b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            b[at++] = (byte) (0x80 | cp & 0x3F);
        } else {
            b[at++] = (byte) (0xF0 | cp >> 18);
            b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
            b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            b[at++] = (byte) (0x80 | cp & 0x3F);
        }
        return at;
    }

    /** Makes room for {@code bytes} more in the buffer (at most its size). */
    private void room(int bytes) {
        if (bytes > buffer.length - used) {
            flushBuffer();
        }
    }

    private void flushBuffer() {
        if (used > 0) {
            write(buffer, 0, used);
            used = 0;
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flushed += length;
    }
}
