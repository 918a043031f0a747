package kg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import kg.store.Rows;

/** Rows handed from the reading thread to the rendering one: in order, and a failure on either side stops both. */
class RowPipelineTests {

    /** Rows of a list, failing after {@code failAfter} of them (never when negative). */
    static Rows rows(int count, int failAfter) {
        Iterator<Integer> numbers = IntStream.range(0, count).iterator();
        return new Rows() {
            int read;

            @Override
            public List<String> columns() {
                return List.of("i");
            }

            @Override
            public boolean hasNext() {
                return numbers.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                if (read++ == failAfter) {
                    throw new IllegalStateException("the store failed");
                }
                return Map.of("i", numbers.next());
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void everyRowIsHandledInOrder() {
        List<Object> handled = new ArrayList<>();
        RowPipeline.run(rows(10 * RowPipeline.BATCH + 3, -1), row -> handled.add(row.get("i")));
        assertEquals(IntStream.range(0, 10 * RowPipeline.BATCH + 3).boxed().toList(), handled);
        handled.clear();
        RowPipeline.run(rows(0, -1), row -> handled.add(row.get("i")));
        assertEquals(List.of(), handled);
    }

    @Test
    void aFailureWhileHandlingIsThrownToTheReader() {
        RuntimeException failure = new IllegalArgumentException("render failed");
        RuntimeException thrown = assertThrows(IllegalArgumentException.class, () -> RowPipeline.run(rows(100 * RowPipeline.BATCH, -1), row -> {
            if ((Integer) row.get("i") == 5) {
                throw failure;
            }
        }));
        assertSame(failure, thrown);
    }

    @Test
    void aFailureWhileReadingStopsTheHandler() {
        List<Object> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        assertThrows(IllegalStateException.class,
                () -> RowPipeline.run(rows(100 * RowPipeline.BATCH, 3 * RowPipeline.BATCH + 1), row -> handled.add(row.get("i"))));
        assertEquals(true, handled.size() <= 3 * RowPipeline.BATCH, "only whole batches handed over before the failure");
        assertEquals(0, Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("kg-export-render")).count(),
                "the rendering thread is gone");
    }
}
