package org.corridor.report.config;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusMainTest
@WithTestResource(CorridorTestInfrastructure.class)
@TestProfile(ThresholdBelowMinimumTest.ThresholdTwo.class)
class ThresholdBelowMinimumTest {

    public static class ThresholdTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corridor.reports.k", "2");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    @Timeout(120)
    void theServiceRefusesToStartWithAThresholdBelowThree(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("at least 3") || result.getOutput().contains("at least 3"),
                result.getOutput() + result.getErrorOutput());
    }
}
