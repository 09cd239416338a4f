package org.corridor.infra.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Corridor service answers without credentials, checked against the running application: probes that
 * really look at the database (and Kafka, where the service uses it), the OpenAPI contract, Prometheus metrics.
 * A service's test extends it, annotated with {@code @QuarkusTest} and {@code @WithTestResource(CorridorTestInfrastructure.class)}.
 */
public abstract class ServiceContract {

    /** Whether the service publishes or consumes events, so its readiness depends on Kafka. */
    protected boolean usesKafka() {
        return true;
    }

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        var ready = given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
        if (usesKafka()) {
            ready.body("checks.name", hasItem(containsString("Kafka")));
        }
    }

    @Test
    void livenessAnswers() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesItsOpenApiContract() {
        given().queryParam("format", "json").when().get("/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
