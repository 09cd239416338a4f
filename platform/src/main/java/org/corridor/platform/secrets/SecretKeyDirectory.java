package org.corridor.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named 256-bit secret keys kept outside the database: a directory with one file per key id holding 32 random bytes in
 * base64 (a mounted Kubernetes Secret, {@code .run/keys/...} locally). The id that sorts last is current; the others
 * remain to open or check what they made, which names its key id. Names starting with a dot are skipped (Kubernetes
 * adds such entries to a mounted Secret).
 */
public final class SecretKeyDirectory {

    private final TreeMap<String, byte[]> keys;

    private SecretKeyDirectory(TreeMap<String, byte[]> keys) {
        this.keys = keys;
    }

    /** The keys in {@code directory}; {@code purpose} names them in the errors (never a key itself). */
    public static SecretKeyDirectory read(Path directory, String purpose) {
        TreeMap<String, byte[]> keys = new TreeMap<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String id = file.getFileName().toString();
                if (id.startsWith(".")) {
                    continue;
                }
                byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
                if (key.length != 32) {
                    throw new IllegalStateException(purpose + " key " + id + " is not 32 bytes");
                }
                keys.put(id, key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + purpose + " keys in " + directory, e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no " + purpose + " keys in " + directory);
        }
        return new SecretKeyDirectory(keys);
    }

    /** The id of the key new data is made with. */
    public String currentId() {
        return keys.lastKey();
    }

    public Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
