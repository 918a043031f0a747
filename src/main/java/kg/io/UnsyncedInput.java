package kg.io;

import java.io.IOException;
import java.io.InputStream;

/** Buffered, without the locks of {@link java.io.BufferedInputStream}. */
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

    @Override
    public void close() throws IOException {
        in.close();
    }
}
