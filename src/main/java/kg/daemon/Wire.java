package kg.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kg daemon's protocol, over a Unix domain socket. The client sends one {@link Request}; the daemon
 * answers with frames (a tag byte, a length, the bytes): standard output, standard error, and last the exit
 * code. The client sends nothing more: the end of its side of the connection (it closed it, or it died)
 * means "stop", and the daemon stops the command and rolls its transaction back.
 */
final class Wire {

    static final int MAGIC = 0x6b67_0001;

    /** Frames from the daemon. */
    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    /** The daemon is from another build, or serves another store: it does not run the request. */
    static final byte REFUSED = 4;

    private Wire() {
    }

    /** What the client asks for. */
    enum Kind { RUN, STATUS, STOP }

    /**
     * One request: the build the client comes from, the store it means (its real path), and for RUN the
     * client's argv, working folder, KG_* (and colour) environment, whether it has a console, and its charset.
     */
    record Request(Kind kind, String build, String store, String cwd, List<String> args, Map<String, String> env,
                   boolean console, String charset) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeByte(kind.ordinal());
            string(out, build);
            string(out, store);
            string(out, cwd);
            out.writeInt(args.size());
            for (String a : args) {
                string(out, a);
            }
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            out.writeBoolean(console);
            string(out, charset);
            out.flush();
        }

        static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a kg client");
            }
            Kind kind = Kind.values()[in.readUnsignedByte() % Kind.values().length];
            String build = string(in);
            String store = string(in);
            String cwd = string(in);
            int n = count(in);
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(string(in));
            }
            int m = count(in);
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                env.put(string(in), string(in));
            }
            return new Request(kind, build, store, cwd, List.copyOf(args), env, in.readBoolean(), string(in));
        }
    }

    static void frame(DataOutputStream out, byte tag, byte[] bytes, int offset, int length) throws IOException {
        out.writeByte(tag);
        out.writeInt(length);
        out.write(bytes, offset, length);
    }

    static void exit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(4);
        out.writeInt(code);
        out.flush();
    }

    /** Strings as a length and UTF-8: writeUTF stops at 64 KiB, and a Cypher statement may be longer. */
    static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("bad length " + n);
        }
        return n;
    }

    /**
     * Streams over a socket channel that read and write without taking the channel's blocking lock (as
     * {@code Channels.newInputStream} does), so one thread can wait for the other side to hang up while
     * another writes.
     */
    static InputStream in(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    static OutputStream out(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    static EOFException closed() {
        return new EOFException("the kg daemon closed the connection");
    }
}
