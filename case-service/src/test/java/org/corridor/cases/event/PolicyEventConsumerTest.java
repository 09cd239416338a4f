package org.corridor.cases.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.corridor.cases.repository.KnownPolicyRepository;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.platform.policy.PolicyTerms;
import org.corridor.platform.policy.RiskLevel;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.corridor.cases.support.TestPolicies.awaitProcessed;
import static org.corridor.cases.support.TestPolicies.processed;
import static org.corridor.cases.support.TestPolicies.published;
import static org.corridor.cases.support.TestPolicies.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class PolicyEventConsumerTest {

    @Inject
    KnownPolicyRepository knownPolicies;

    @Inject
    DataSource dataSource;

    @Test
    void aRedeliveredEventHasNoSecondEffect() throws Exception {
        UUID eventId = UUID.randomUUID();
        UUID versionId = UUID.randomUUID();
        byte[] event = published(eventId, versionId, "MN", "2009-01-01", "high", "2026-01-01T00:00:00Z", "occasional");
        long before = knownPolicies.count();

        send("MN", event);
        awaitProcessed(dataSource, eventId);
        assertEquals(before + 1, knownPolicies.count());

        // the same event again, as a producer retry or a replay would deliver it, followed by a marker event
        send("MN", event);
        UUID marker = UUID.randomUUID();
        send("MN", published(marker, UUID.randomUUID(), "MN", "2030-01-01", "low", "2026-01-02T00:00:00Z", "none"));
        awaitProcessed(dataSource, marker);

        assertEquals(1, processed(dataSource, eventId));
        assertEquals(before + 2, knownPolicies.count(), "the redelivery added nothing; the marker added one");
        assertTrue(versionInForce("MN", "2020-06-01").contains(versionId.toString()));
    }

    @Test
    void theLatestRecordedVersionCoveringADayIsInForce() throws Exception {
        UUID old = UUID.randomUUID();
        UUID correction = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send("LA", published(UUID.randomUUID(), old, "LA", "2014-01-01", "high", "2026-01-01T00:00:00Z", "routine"));
        send("LA", published(marker, correction, "LA", "2020-01-01", "critical", "2026-03-01T00:00:00Z", "routine"));
        awaitProcessed(dataSource, marker);

        assertTrue(versionInForce("LA", "2016-01-01").contains(old.toString()));
        assertTrue(versionInForce("LA", "2021-01-01").contains(correction.toString()));
        assertTrue(versionInForce("LA", "2000-01-01").isEmpty());
    }

    @Test
    void aRoutesTermsAreThoseOfEachCountrysVersionInForceEvenAfterTheyWereFirstRead() throws Exception {
        // a country no other test publishes for: these versions, recorded last, are in force from 2001 on
        UUID first = UUID.randomUUID();
        send("BD", published(first, UUID.randomUUID(), "BD", "2001-01-01", "high", "2099-01-01T00:00:00Z", "routine"));
        awaitProcessed(dataSource, first);
        assertEquals(Map.of("BD", RiskLevel.HIGH), riskLevelsInForce("2001-09-01", "BD", "ZZ"),
                "a country with no version in force has no terms");

        // a correction recorded later, from a later day: the terms read before (and kept parsed) must not hide it
        UUID correction = UUID.randomUUID();
        send("BD", published(correction, UUID.randomUUID(), "BD", "2001-06-01", "critical", "2099-02-01T00:00:00Z", "routine"));
        awaitProcessed(dataSource, correction);
        assertEquals(Map.of("BD", RiskLevel.CRITICAL), riskLevelsInForce("2001-09-01", "BD", "ZZ"));
        assertEquals(Map.of("BD", RiskLevel.HIGH), riskLevelsInForce("2001-03-01", "BD"));
        assertEquals(RiskLevel.CRITICAL, termsInForce("BD", "2001-09-01").riskLevel());
        assertEquals(Map.of(), riskLevelsInForce("2000-12-31", "BD"));
    }

    @Transactional
    Map<String, RiskLevel> riskLevelsInForce(String day, String... countries) {
        Map<String, RiskLevel> levels = new HashMap<>();
        knownPolicies.termsInForce(List.of(countries), LocalDate.parse(day)).forEach((country, terms) -> levels.put(country, terms.riskLevel()));
        return levels;
    }

    @Transactional
    PolicyTerms termsInForce(String country, String day) {
        return knownPolicies.termsInForce(country, LocalDate.parse(day)).orElseThrow();
    }

    @Transactional
    String versionInForce(String country, String day) {
        return knownPolicies.versionInForce(country, LocalDate.parse(day)).orElse("");
    }
}
