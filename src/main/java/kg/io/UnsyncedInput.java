package kg.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Buffered, without the locks of {@link java.io.BufferedInputStream}, and with numbers and texts decoded straight
 * from the buffer (see {@link UnsyncedOutput}, which writes them). A read past the end throws {@link EOFException}.
 */
public final class UnsyncedInput extends InputStream {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 15];
    private int at;
    private int end;

    public UnsyncedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (at == end && !fill()) {
            return -1;
        }
        return buffer[at++] & 0xFF;
    }

    public byte readByte() throws IOException {
        need(1);
        return buffer[at++];
    }

    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    public int readInt() throws IOException {
        need(Integer.BYTES);
        int v = (buffer[at] & 0xFF) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8
                | buffer[at + 3] & 0xFF;
        at += Integer.BYTES;
        return v;
    }

    public long readLong() throws IOException {
        return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
    }

    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    public void readFully(byte[] bytes) throws IOException {
        int got = 0;
        while (got < bytes.length) {
            int n = read(bytes, got, bytes.length - got);
            if (n < 0) {
                throw new EOFException();
            }
            got += n;
        }
    }

    /** What {@link UnsyncedOutput#writeText(String)} wrote. */
    public String readText() throws IOException {
        int n = readInt();
        if (n < 0) {
            throw new IOException("damaged file: text of length " + n);
        }
        if (n > buffer.length) {
            byte[] bytes = new byte[n];
            readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        need(n);
        String s = new String(buffer, at, n, StandardCharsets.UTF_8);
        at += n;
        return s;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (at == end) {
            if (length >= buffer.length) {
                return in.read(bytes, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, end - at);
        System.arraycopy(buffer, at, bytes, offset, n);
        at += n;
        return n;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        at = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    /** At least {@code n} (at most the buffer's size) unread bytes in the buffer, moving what is left to its start. */
    private void need(int n) throws IOException {
        if (end - at >= n) {
            return;
        }
        int left = end - at;
        System.arraycopy(buffer, at, buffer, 0, left);
        at = 0;
        end = left;
        while (end < n) {
            int got = in.read(buffer, end, buffer.length - end);
            if (got < 0) {
                throw new EOFException();
            }
            end += got;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
