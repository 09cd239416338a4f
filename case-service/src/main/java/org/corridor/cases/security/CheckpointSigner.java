package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs audit checkpoints with the Ed25519 key pair of {@code corridor.cases.audit.checkpoints} (outside the database).
 * Its key id is derived from the public key, so a checkpoint names the key that checks it.
 */
@ApplicationScoped
public class CheckpointSigner {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final String publicKeyPem;
    private final String keyId;

    public CheckpointSigner(CaseConfig config) {
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            signingKey = keys.generatePrivate(new PKCS8EncodedKeySpec(pemContent(config.audit().checkpoints().signingKey())));
            byte[] publicKeyDer = pemContent(config.audit().checkpoints().publicKey());
            publicKey = keys.generatePublic(new X509EncodedKeySpec(publicKeyDer));
            publicKeyPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(publicKeyDer) + "\n-----END PUBLIC KEY-----\n";
            keyId = "ed25519-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKeyDer), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit checkpoint keys are not an Ed25519 key pair in PEM", e);
        }
        if (!verifies("pair check".getBytes(StandardCharsets.UTF_8), sign("pair check".getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("the audit checkpoint public key is not the signing key's");
        }
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    /** The signature of {@code content}, base64. */
    public String sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signingKey);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} (base64) is this key's over {@code content}. */
    public boolean verifies(byte[] content, String signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(content);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] pemContent(Path file) {
        try {
            String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint key " + file, e);
        }
    }
}
