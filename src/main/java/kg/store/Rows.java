package kg.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The rows of one statement, each a map from column to plain value, in column order. */
public interface Rows extends Iterator<Map<String, Object>>, AutoCloseable {

    List<String> columns();

    @Override
    void close();

    default Stream<Map<String, Object>> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    default List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (this) {
            forEachRemaining(out::add);
        }
        return out;
    }

    /** The only row; fails if there is none. */
    default Map<String, Object> single() {
        try (this) {
            if (!hasNext()) {
                throw new NoSuchElementException("statement returned no row");
            }
            return next();
        }
    }
}
