package kg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class UnsyncedStreamsTests {

    /** Hands out at most 3 bytes per read, so numbers and texts straddle every refill of the buffer. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void numbersAndTextsComeBackAcrossBufferBoundaries() throws IOException {
        String big = "ü€".repeat(40_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (UnsyncedOutput out = new UnsyncedOutput(bytes)) {
            for (int i = 0; i < 20_000; i++) {
                out.writeByte(i);
                out.writeInt(i * 31 - 7);
                out.writeLong(Long.MIN_VALUE + i);
                out.writeDouble(i / 3.0);
                out.writeBoolean(i % 2 == 0);
                out.writeText("t" + i);
            }
            out.writeText(big);
            out.writeText("");
        }
        try (UnsyncedInput in = new UnsyncedInput(trickle(bytes.toByteArray()))) {
            for (int i = 0; i < 20_000; i++) {
                assertEquals((byte) i, in.readByte());
                assertEquals(i * 31 - 7, in.readInt());
                assertEquals(Long.MIN_VALUE + i, in.readLong());
                assertEquals(i / 3.0, in.readDouble());
                assertEquals(i % 2 == 0, in.readBoolean());
                assertEquals("t" + i, in.readText());
            }
            assertEquals(big, in.readText());
            assertEquals("", in.readText());
            assertEquals(-1, in.read());
            assertThrows(EOFException.class, in::readInt);
        }
    }

    @Test
    void numbersAreWrittenAsDataOutputWritesThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (UnsyncedOutput out = new UnsyncedOutput(bytes)) {
            out.writeInt(0x01020304);
            out.writeLong(-2L);
            out.writeDouble(-0.5);
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(0x01020304, data.readInt());
        assertEquals(-2L, data.readLong());
        assertEquals(-0.5, data.readDouble());
    }

    @Test
    void aTruncatedTextIsAnEndOfFileNotAShortString() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (UnsyncedOutput out = new UnsyncedOutput(bytes)) {
            out.writeText("abcdef");
        }
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), 7);
        try (UnsyncedInput in = new UnsyncedInput(trickle(cut))) {
            assertThrows(EOFException.class, in::readText);
        }
        byte[] full = new byte[5];
        try (UnsyncedInput in = new UnsyncedInput(trickle(new byte[] {1, 2, 3, 4, 5}))) {
            in.readFully(full);
        }
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, full);
    }
}
