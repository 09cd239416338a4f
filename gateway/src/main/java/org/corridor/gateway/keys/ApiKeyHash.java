package org.corridor.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stored form of an API key. Keys are 256-bit random values, so a single SHA-256 is as strong as a slow password
 * hash would be, and cheap enough to compute on every request.
 */
public record ApiKeyHash(String hex) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ApiKeyHash {
        if (!SHA_256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("an API key hash is 64 lower-case hex digits (SHA-256)");
        }
    }

    public static ApiKeyHash of(String presentedKey) {
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static ApiKeyHash fromBytes(byte[] digest) {
        return new ApiKeyHash(HexFormat.of().formatHex(digest));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** Compares in constant time, so response timing says nothing about how close a guess came. */
    public boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(bytes(), other.bytes());
    }
}
