package kg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** Reads a folder shipped on the class path, whether the classes run from a directory or from a jar. */
public final class Resources {

    private Resources() {
    }

    public static <T> T withDirectory(String name, Function<Path, T> work) {
        URL url = Resources.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("resource folder " + name + " is missing from the class path");
        }
        return withDirectory(url, work);
    }

    static <T> T withDirectory(URL url, Function<Path, T> work) {
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return work.apply(Path.of(uri));
            }
            // One zip file system per jar may be open at a time, and the daemon runs commands side by side.
            synchronized (Resources.class) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return work.apply(fs.provider().getPath(uri));
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
