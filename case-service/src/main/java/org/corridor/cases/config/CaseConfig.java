package org.corridor.cases.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "corridor.cases")
public interface CaseConfig {

    /**
     * Directory of master keys for personal-data encryption: one file per key id holding 32 random bytes in base64.
     * The id that sorts last encrypts; the others remain to decrypt what they sealed.
     */
    Path keyDirectory();

    /**
     * The disclosure threshold of a risk impact preview across organisations: a count of 1 to k-1 cases, or one
     * that differs from the caller's own organisation's count by 1 to k-1, is withheld.
     */
    @WithDefault("5")
    int impactMinimumCount();

    Rescore rescore();

    /** How long a transfer offer stays open for the receiving organisation to answer. */
    @WithDefault("P14D")
    Duration transferOfferLifetime();

    /** Re-scoring the cases a policy change concerns; how often it looks for work is {@code corridor.cases.rescore.every}. */
    interface Rescore {

        /**
         * Cases re-scored per transaction. A batch costs a handful of statements whatever its size, so larger batches
         * save round trips and transactions; docs/BENCHMARKS.md has the measurements behind the default.
         */
        @WithDefault("1000")
        int batchSize();
    }
}
