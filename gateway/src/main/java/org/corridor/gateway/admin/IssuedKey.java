package org.corridor.gateway.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to issuing a key: the key's view and, this once, the key itself. */
public record IssuedKey(@JsonUnwrapped ApiKeyView key, String apiKey) {
}
