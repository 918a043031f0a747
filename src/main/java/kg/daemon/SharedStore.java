package kg.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import kg.store.GraphStore;

/**
 * The daemon's open store as one command sees it: every transaction belongs to the command's {@link Job}
 * (so that it can be stopped), {@link #describe()} names the store as the client typed it, and closing it
 * leaves the store open for the next command.
 */
final class SharedStore implements GraphStore {

    private final GraphStore store;
    private final Path typed;
    private final Job job;

    SharedStore(GraphStore store, Path typed, Job job) {
        this.store = store;
        this.typed = typed;
        this.job = job;
    }

    @Override
    public <T> T read(Duration timeout, Work<T> work) {
        return store.read(timeout, tx -> job.track(tx, false, () -> work.run(tx)));
    }

    @Override
    public <T> T write(Work<T> work) {
        return store.write(tx -> job.track(tx, true, () -> work.run(tx)));
    }

    @Override
    public void applySchema(List<String> statements) {
        store.applySchema(statements);
    }

    @Override
    public Optional<java.io.InputStream> readNote(String name) {
        return store.readNote(name);
    }

    @Override
    public void writeNote(String name, NoteContent content) {
        store.writeNote(name, content);
    }

    @Override
    public String describe() {
        return kg.store.EmbeddedStore.describe(typed);
    }

    @Override
    public void close() {
        // the daemon holds the store open until it stops
    }
}
