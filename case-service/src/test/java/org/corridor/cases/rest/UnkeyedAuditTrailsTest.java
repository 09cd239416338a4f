package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.corridor.cases.service.AuditCheckpoints;
import org.corridor.cases.service.UnkeyedAuditTrails;
import org.corridor.cases.support.PlainAuditChain;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static org.corridor.cases.rest.AuditChainTest.audit;
import static org.corridor.cases.rest.AuditChainTest.caseWithFiveEntries;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trails written before the chain had a key, keyed once at the upgrade. A profile of its own gives this test a database
 * of its own, whose trails are all of before the key.
 */
@QuarkusTest
@TestProfile(UnkeyedAuditTrailsTest.OwnDatabase.class)
@WithTestResource(CorridorTestInfrastructure.class)
class UnkeyedAuditTrailsTest {

    public static class OwnDatabase implements QuarkusTestProfile {
    }

    @Inject
    DataSource dataSource;

    @Inject
    UnkeyedAuditTrails unkeyed;

    @Inject
    AuditCheckpoints checkpoints;

    @Test
    void intactTrailsOfBeforeTheKeyAreKeyedOnceAndBrokenOnesStayBroken() throws Exception {
        String intact = caseWithFiveEntries();
        String rewritten = caseWithFiveEntries();
        // as the previous release wrote them: plain hashes, no key id; then one altered in the database, hashes recomputed
        PlainAuditChain.rewrite(dataSource, intact, 0, null, true);
        PlainAuditChain.rewrite(dataSource, rewritten, 0, null, true);
        try (var connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate(
                    "UPDATE audit_entry SET actor = 'nobody' WHERE id = (SELECT max(id) FROM audit_entry WHERE case_id = '" + rewritten + "')");
        }
        audit(intact).body("chainIntact", equalTo(false));

        assertEquals(1, unkeyed.keyThem());

        audit(intact).body("chainIntact", equalTo(true));
        audit(rewritten).body("chainIntact", equalTo(false));

        // a plain entry written now is never made valid by a later run ...
        checkpoints.make();
        PlainAuditChain.rewrite(dataSource, intact, 3, "nobody", true);
        assertEquals(0, unkeyed.keyThem());
        audit(intact).body("chainIntact", equalTo(false));
        // ... and should every entry be made plain, so that the next start keys them all again, the checkpoint shows it
        PlainAuditChain.rewrite(dataSource, intact, 0, null, true);
        PlainAuditChain.rewrite(dataSource, rewritten, 0, null, true);
        assertEquals(2, unkeyed.keyThem());
        audit(intact).body("chainIntact", equalTo(false));
        audit(rewritten).body("chainIntact", equalTo(false));
    }
}
