package org.corridor.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of an API key. Keys are 256-bit random values, so a single SHA-256 is as strong as a slow password
 * hash would be, and cheap enough to compute on every request.
 */
public record ApiKeyHash(String hex) {

    public static ApiKeyHash of(String presentedKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8));
            return new ApiKeyHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }
}
