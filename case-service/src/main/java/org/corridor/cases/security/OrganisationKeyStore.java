package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The organisations' keys that wrap case keys: random 256-bit keys, several versions per organisation, kept outside the
 * database ({@code corridor.cases.organisation-key-directory}, a file per version in a directory per organisation), so
 * that no copy of the database opens anything without them, and destroying a version makes every copy of what it
 * wrapped unreadable. Each file is itself sealed with the organisation's key derived from the current master key, so
 * the directory alone opens nothing either; the file names that master key id.
 */
@ApplicationScoped
public class OrganisationKeyStore {

    private static final String FIELD = "organisation-key";
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final FileAttribute<?> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path directory;
    private final FieldCipher masterCipher;
    private final Map<UUID, SecretKey> opened = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public OrganisationKeyStore(CaseConfig config, FieldCipher masterCipher) {
        this.directory = config.organisationKeyDirectory();
        this.masterCipher = masterCipher;
    }

    /** A new version of the organisation's key, on disk (synced) before this answers. */
    public SecretKey create(String organisation, UUID version) {
        SecretKey key = new SecretKeySpec(AesGcm.randomKey(), "AES");
        String masterKeyId = masterCipher.currentKeyId();
        byte[] sealed = masterCipher.seal(place(organisation, masterKeyId, version),
                Base64.getEncoder().encodeToString(key.getEncoded()));
        String content = masterKeyId + "\n" + Base64.getEncoder().encodeToString(sealed) + "\n";
        try {
            Path folder = Files.createDirectories(directory.resolve(folderName(organisation)), OWNER_ONLY_FOLDER);
            Path written = folder.resolve(version + ".new");
            write(written, content.getBytes(StandardCharsets.UTF_8));
            Files.move(written, file(organisation, version), StandardCopyOption.ATOMIC_MOVE);
            sync(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a new organisation key version", e);
        }
        opened.put(version, key);
        return key;
    }

    /** The version of the organisation's key; none once it is destroyed. */
    public Optional<SecretKey> key(String organisation, UUID version) {
        SecretKey known = opened.get(version);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            String[] lines = Files.readString(file(organisation, version)).split("\n");
            String plain = masterCipher.open(place(organisation, lines[0], version), Base64.getDecoder().decode(lines[1].trim()));
            SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(plain), "AES");
            opened.put(version, key);
            return Optional.of(key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an organisation key version", e);
        }
    }

    /**
     * Destroys a version for good: its file is overwritten with random bytes, synced, then deleted (how far an
     * overwrite reaches the disk is up to the file system; docs/DATA-PROTECTION.md says what that means).
     */
    public void destroy(String organisation, UUID version) {
        opened.remove(version);
        Path file = file(organisation, version);
        try {
            if (Files.exists(file)) {
                byte[] noise = new byte[(int) Files.size(file)];
                random.nextBytes(noise);
                write(file, noise);
                Files.delete(file);
                sync(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy an organisation key version", e);
        }
    }

    private Path file(String organisation, UUID version) {
        return directory.resolve(folderName(organisation)).resolve(version.toString());
    }

    /** The organisation's name when it is safe as a file name, else its hex. */
    private static String folderName(String organisation) {
        return PLAIN_NAME.matcher(organisation).matches() ? organisation
                : "x-" + HexFormat.of().formatHex(organisation.getBytes(StandardCharsets.UTF_8));
    }

    private static FieldLocation place(String organisation, String masterKeyId, UUID version) {
        return new FieldLocation(organisation, masterKeyId, version, FIELD);
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                OWNER_ONLY_FILE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private static void sync(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
