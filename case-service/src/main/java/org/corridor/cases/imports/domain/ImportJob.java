package org.corridor.cases.imports.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An import of a file of cases into one organisation, on behalf of whoever sent it: where it stands and what its lines
 * came to so far. Every created case is recorded as that actor's creation, in the request that sent the file.
 */
public record ImportJob(UUID id, String organisation, String actor, String requestId, State state, String keyId,
                        long lines, long created, long replayed, long rejected, Instant startedAt, Instant updatedAt) {

    /** The first errors an import keeps; the count of rejected lines goes on past them. */
    public static final int KEPT_ERRORS = 1000;

    public enum State {
        /** The file is still arriving; what has arrived is imported meanwhile. */
        RECEIVING,
        /** All of the file is spooled, so the import will finish whatever happens to the service. */
        RECEIVED,
        COMPLETED,
        /** The upload broke off: its caller never heard the import was accepted. */
        FAILED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public static ImportJob starting(String organisation, String actor, String requestId, String keyId, Instant now) {
        return new ImportJob(UUID.randomUUID(), organisation, actor, requestId, State.RECEIVING, keyId, 0, 0, 0, 0, now, now);
    }

    /** How many more errors this import keeps. */
    public int errorRoom() {
        return (int) Math.max(0, KEPT_ERRORS - rejected);
    }
}
