package org.corridor.cases.domain;

import javax.crypto.spec.SecretKeySpec;

/** A key of the audit chain (HMAC-SHA256) and its id, which each entry made under it records. */
public record AuditKey(String id, SecretKeySpec secret) {
}
