package org.corridor.report.config;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.report.Events;
import org.corridor.report.Events.Band;
import org.corridor.report.Events.CaseAt;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearer;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
@TestProfile(ConfiguredThresholdTest.ThresholdThree.class)
class ConfiguredThresholdTest {

    public static class ThresholdThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corridor.reports.k", "3");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void theThresholdIsConfigurableAndEveryReportSaysWhichItApplies() {
        String org = "org-" + UUID.randomUUID();
        for (int people : List.of(2, 1)) {
            CaseAt opened = CaseAt.opened(org, new Band("male", "18-59", people));
            CaseAt arrived = opened.journey("arrived", "KR", "2025-06-01", "resettled");
            Events.sendAndAwait(dataSource, opened, Events.caseEvent("opened", opened),
                    Events.caseEvent("journey-recorded", arrived));
        }
        given().header("Authorization", bearer(org, "coordinator")).when().get("/api/v1/reports/overview").then()
                .statusCode(200)
                .body("k", equalTo(3))
                .body("cells.find { it.status == 'resettled' && it.country == 'KR' }.count", equalTo(3))
                .body("totals.all.count", equalTo(3));
    }
}
