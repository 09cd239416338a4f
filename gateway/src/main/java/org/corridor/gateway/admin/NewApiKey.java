package org.corridor.gateway.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Set;

/** A request for a key: whose it is, what it may do, a label saying what it is for, and when it stops working. */
public record NewApiKey(
        @NotNull String org,
        @NotEmpty Set<@NotBlank String> roles,
        @NotBlank @Size(max = 200) String label,
        Instant expiresAt) {
}
