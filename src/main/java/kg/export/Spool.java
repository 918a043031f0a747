package kg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import kg.io.UnsyncedInput;
import kg.io.UnsyncedOutput;

/**
 * An external sort that also drops duplicates: elements are added in any order, held in memory up to a
 * budget, and written as sorted runs to temporary files when it is exceeded; {@link #drain} then merges the
 * runs and hands over each distinct element once, in order. Memory stays within the budget however many
 * elements pass through, so an export of any size keeps a flat heap.
 */
final class Spool<T> implements AutoCloseable {

    private final Codec<T> codec;
    private final Comparator<T> order;
    private final long budget;
    private final Path dir;
    private final String prefix;
    private final List<T> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long buffered;

    /** {@code budget}: rough bytes of elements to hold before a run is written under {@code dir}. */
    Spool(Codec<T> codec, Comparator<T> order, long budget, Path dir, String prefix) {
        this.codec = codec;
        this.order = order;
        this.budget = budget;
        this.dir = dir;
        this.prefix = prefix;
    }

    void add(T element) {
        buffer.add(element);
        buffered += codec.size(element);
        if (buffered >= budget) {
            spill();
        }
    }

    /** How many runs went to disk (0: everything stayed in memory). */
    int runs() {
        return runs.size();
    }

    /** Hands each distinct element (by the order's equality) to {@code sink}, in order. */
    void drain(Consumer<T> sink) {
        if (runs.isEmpty()) {
            buffer.sort(order);
            T previous = null;
            for (T t : buffer) {
                if (previous == null || order.compare(previous, t) != 0) {
                    sink.accept(t);
                }
                previous = t;
            }
            buffer.clear();
            return;
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        List<Run> open = new ArrayList<>();
        try {
            PriorityQueue<Run> queue = new PriorityQueue<>((a, b) -> order.compare(a.head, b.head));
            for (Path path : runs) {
                Run run = new Run(path);
                open.add(run);
                if (run.advance()) {
                    queue.add(run);
                }
            }
            T previous = null;
            while (!queue.isEmpty()) {
                Run run = queue.poll();
                T t = run.head;
                if (previous == null || order.compare(previous, t) != 0) {
                    sink.accept(t);
                }
                previous = t;
                if (run.advance()) {
                    queue.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            open.forEach(Run::close);
        }
    }

    private void spill() {
        buffer.sort(order);
        try {
            Path path = Files.createTempFile(dir, prefix, ".run");
            try (UnsyncedOutput out = new UnsyncedOutput(Files.newOutputStream(path))) {
                out.writeInt(buffer.size());
                for (T t : buffer) {
                    codec.write(t, out);
                }
            }
            runs.add(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.clear();
        buffered = 0;
    }

    @Override
    public void close() {
        buffer.clear();
        for (Path path : runs) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file left behind is not worth failing the export for
            }
        }
        runs.clear();
    }

    /** One sorted run being merged: its next element is {@code head}. */
    private final class Run {
        private final UnsyncedInput in;
        private int left;
        private T head;

        Run(Path path) throws IOException {
            this.in = new UnsyncedInput(Files.newInputStream(path));
            this.left = in.readInt();
        }

        boolean advance() throws IOException {
            if (left == 0) {
                head = null;
                return false;
            }
            left--;
            head = codec.read(in);
            return true;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only file, about to be deleted
            }
        }
    }
}
