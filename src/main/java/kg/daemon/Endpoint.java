package kg.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the daemon for one store listens: a socket in a folder only this user may enter (0700; $KG_RUNTIME_DIR,
 * else $XDG_RUNTIME_DIR/kg, else /tmp/kg-USER), named after the store's real path. Beside it: the daemon's log and
 * the lock clients hold while one of them starts a daemon. Nothing listens on the network.
 *
 * @param store the store folder's real path (as far as it exists)
 */
record Endpoint(Path store, Path socket, Path log, Path startLock) {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    static Endpoint of(Path store, Path runtimeDir) {
        String name = "store-" + Long.toHexString(fnv(store.toString()));
        return new Endpoint(store, runtimeDir.resolve(name + ".sock"), runtimeDir.resolve(name + ".log"),
                runtimeDir.resolve(name + ".start"));
    }

    /** The endpoint for a store folder, creating the runtime folder if need be. */
    static Endpoint forStore(Path storeDir) throws IOException {
        return of(realPath(storeDir), runtimeDir());
    }

    /**
     * The per-user runtime folder. Refused unless it is this user's and closed to everyone else: whoever can
     * reach the socket can read and change the graph.
     */
    static Path runtimeDir() throws IOException {
        String own = System.getenv("KG_RUNTIME_DIR");
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path dir = own != null && !own.isBlank() ? Path.of(own)
                : xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg)) ? Path.of(xdg, "kg")
                : Path.of(System.getProperty("java.io.tmpdir"), "kg-" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made by a client starting at the same time; checked below like any other
            }
        }
        if (Files.isSymbolicLink(dir) || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                .equals(System.getProperty("user.name"))
                || !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            throw new IOException(dir + " is not a folder that only " + System.getProperty("user.name") + " can use");
        }
        return dir;
    }

    /** The real path of a folder that may not exist yet: its nearest existing parent's, and the rest. */
    static Path realPath(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
    }

    /**
     * Which build of kg this is: where its classes are and when they were written. A daemon answers only
     * clients of its own build, so that after a rebuild the old daemon is replaced rather than used.
     */
    static String build() {
        String forced = System.getProperty("kg.build");
        if (forced != null) {
            return forced;
        }
        try {
            Path code = Path.of(Endpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path stamp = Files.isDirectory(code) ? code.resolve("kg/daemon/Endpoint.class") : code;
            return code + "@" + Files.getLastModifiedTime(stamp).toMillis() + ":" + Files.size(stamp);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** FNV-1a: enough to tell stores apart in a file name (the daemon checks the full path on every request). */
    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
