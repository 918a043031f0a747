package kg.export;

import java.io.IOException;

import kg.io.UnsyncedInput;
import kg.io.UnsyncedOutput;

/** How spooled elements are written to and read from temporary run files, losslessly. */
interface Codec<T> {

    void write(T value, UnsyncedOutput out) throws IOException;

    T read(UnsyncedInput in) throws IOException;

    /** Rough heap size of a value, to bound what a spool holds in memory. */
    long size(T value);

    Codec<Rendered> RENDERED = new Codec<>() {
        @Override
        public void write(Rendered r, UnsyncedOutput out) throws IOException {
            out.writeInt(r.key().length);
            out.write(r.key());
            out.writeInt(r.xml().length);
            out.write(r.xml());
            out.writeInt(r.notes().length);
            for (long note : r.notes()) {
                out.writeLong(note);
            }
        }

        @Override
        public Rendered read(UnsyncedInput in) throws IOException {
            byte[] key = new byte[in.readInt()];
            in.readFully(key);
            byte[] xml = new byte[in.readInt()];
            in.readFully(xml);
            int notes = in.readInt();
            long[] noted = notes == 0 ? Rendered.NO_NOTES : new long[notes];
            for (int i = 0; i < notes; i++) {
                noted[i] = in.readLong();
            }
            return new Rendered(key, xml, noted);
        }

        @Override
        public long size(Rendered r) {
            return r.size();
        }
    };
}
