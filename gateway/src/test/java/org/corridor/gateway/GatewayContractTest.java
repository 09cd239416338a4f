package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.ServiceContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Runs with services down behind the gateway (see {@link UpstreamStub}): its readiness must not depend on them. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class GatewayContractTest extends ServiceContract {

    @Override
    protected boolean usesKafka() {
        return false;
    }

    @Override
    protected boolean requiresInternalToken() {
        return false;
    }

    @Override
    protected boolean adoptsTheCallersRequestId() {
        return false;
    }

    @Test
    void servesOneContractMergedFromTheServices() {
        given().queryParam("format", "json").when().get("/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Corridor API"))
                .body("paths", hasKey("/api/v1/countries/{code}/policy"))
                .body("paths", hasKey("/api/v1/routes/assess"))
                .body("components.schemas", hasKey("PolicyVersion"));
        given().when().get("/openapi").then()
                .statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("/api/v1/countries/{code}/policy/history"))
                .body(not(containsString("/admin/")));
    }

    @Test
    void describesTheApiAsPartnersCallIt() {
        given().queryParam("format", "json").when().get("/openapi").then()
                .statusCode(200)
                .body("components.securitySchemes.keySet()", containsInAnyOrder("ApiKey", "OidcBearer"))
                .body("components.securitySchemes.ApiKey.name", equalTo("Authorization"))
                .body("paths.'/api/v1/cases'.post.security",
                        equalTo(List.of(Map.of("ApiKey", List.of()), Map.of("OidcBearer", List.of()))))
                .body("paths.'/api/v1/cases'.post.description",
                        containsString("**Roles:** `caseworker`, `protection-officer`, `coordinator`."))
                .body("paths.'/api/v1/cases'.post.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/api/v1/cases/{id}'.get.responses.'404'.content", hasKey("application/problem+json"))
                .body("servers[0].variables.gateway.default", equalTo("http://localhost:8080"));
    }
}
