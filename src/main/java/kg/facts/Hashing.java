package kg.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Content hashes of facts: equal content, equal hash, whatever the key order in the file. */
final class Hashing {

    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Hashing() {
    }

    static String of(String type, String id, Map<String, Object> props) {
        return of(List.of(type, String.valueOf(id)), props);
    }

    static String of(List<Object> head, Map<String, Object> props) {
        StringBuilder sb = new StringBuilder();
        for (Object o : head) {
            sb.append(o).append('\u0001');
        }
        new TreeMap<>(props).forEach((k, v) -> sb.append(k).append('=').append(v).append('\u0001'));
        byte[] digest = SHA.get().digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
