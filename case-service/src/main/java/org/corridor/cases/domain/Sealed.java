package org.corridor.cases.domain;

/** Ciphertext of a personal field as stored; only {@code FieldCipher} turns it back into text. */
public record Sealed(byte[] bytes) {
}
