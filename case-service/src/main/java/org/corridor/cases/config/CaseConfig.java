package org.corridor.cases.config;

import io.quarkus.runtime.configuration.MemorySize;
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
     * Directory of the organisations' keys that wrap each case's data key (a directory per organisation, a file per
     * version, each sealed with the current master key); case-service writes and destroys them, so it must be
     * writable, outlive the service and be kept out of the database's backups (docs/DATA-PROTECTION.md).
     */
    Path organisationKeyDirectory();

    OrganisationKeys organisationKeys();

    Retention retention();

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

    Audit audit();

    Changes changes();

    Imports imports();

    /** The life of the organisations' key versions. */
    interface OrganisationKeys {

        /**
         * How long a version wraps new case keys before it is retired: a new one takes over, every case key is wrapped
         * again under it in the background (the fields stay as they are), and the old version is destroyed.
         */
        @WithDefault("P90D")
        Duration lifetime();

        /**
         * How often the background work on keys runs ({@code corridor.cases.organisation-keys.maintain-every}): moving
         * cases sealed before they had keys of their own, retiring versions past their lifetime, re-wrapping, destroying.
         */
        @WithDefault("PT1M")
        Duration maintainEvery();

        /** Cases moved or keys re-wrapped per transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /** Erasing the personal data of cases final for longer than their organisation keeps it. */
    interface Retention {

        /** How often cases whose retention ran out are looked for ({@code corridor.cases.retention.every}). */
        @WithDefault("PT1H")
        Duration every();
    }

    /** Re-scoring the cases a policy change concerns; how often it looks for work is {@code corridor.cases.rescore.every}. */
    interface Rescore {

        /**
         * Cases re-scored per transaction. A batch costs a handful of statements whatever its size, so larger batches
         * save round trips and transactions; docs/BENCHMARKS.md has the measurements behind the default.
         */
        @WithDefault("1000")
        int batchSize();
    }

    /** The audit trail's keys, kept outside the database like the master keys. */
    interface Audit {

        /**
         * Directory of the audit chain's HMAC-SHA256 keys: one file per key id holding 32 random bytes in base64. New
         * entries are chained under the id that sorts last; the others remain to verify the entries made under them.
         */
        Path keyDirectory();

        Checkpoints checkpoints();
    }

    /** Signed checkpoints of every case's chain head, which auditors fetch and keep elsewhere. */
    interface Checkpoints {

        /** The Ed25519 private key (PKCS#8 PEM) that signs them. */
        Path signingKey();

        /** Its public key (PEM), handed to auditors to check the checkpoints they keep. */
        Path publicKey();

        /**
         * How often a checkpoint is made ({@code corridor.cases.audit.checkpoints.every}); a service that starts
         * without one this key signed less than half of this ago makes one at once.
         */
        @WithDefault("PT24H")
        Duration every();
    }

    /** The change feed ({@code GET /api/v1/changes}). */
    interface Changes {

        /**
         * How often changes are given their place in the feed ({@code corridor.cases.changes.sequence-every}): the most
         * a committed change waits before a reader of the feed sees it.
         */
        @WithDefault("PT0.2S")
        Duration sequenceEvery();
    }

    /** Bulk imports ({@code POST /api/v1/cases/imports}). */
    interface Imports {

        /**
         * Lines spooled per chunk, and so turned into cases per transaction: each chunk costs a handful of statements
         * whatever its size (docs/BENCHMARKS.md has the figures behind the default).
         */
        @WithDefault("1000")
        int batchSize();

        /**
         * The longest line taken: a longer one is refused as its line's error, unread, and the rest of the file is
         * imported. A case at the request limits (100 members with every field full) is about 600 KB.
         */
        @WithDefault("1M")
        MemorySize maxLineLength();

        /**
         * How long an upload may stall before its import is given up as failed: the service stopped while receiving
         * it, so its caller never had the 202 (what was already imported stays, and a re-run replays it).
         */
        @WithDefault("PT5M")
        Duration abandonedAfter();
    }
}
