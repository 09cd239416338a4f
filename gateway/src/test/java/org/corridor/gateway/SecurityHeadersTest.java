package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class SecurityHeadersTest {

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNeverStored() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        hardened(given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then().statusCode(200))
                .header("Cache-Control", "no-store");
        hardened(given().when().get("/api/v1/cases").then().statusCode(401))
                .header("Cache-Control", "no-store");
        hardened(given().header("Authorization", "ApiKey " + key).when().get("/api/v1/countries").then().statusCode(503))
                .header("Cache-Control", "no-store");
        hardened(given().when().get("/admin/v1/keys").then().statusCode(401))
                .header("Cache-Control", "no-store");
        hardened(given().when().get("/openapi").then().statusCode(200));
        hardened(given().when().get("/no-such-path").then().statusCode(404));
    }

    @Test
    void theContractCanBeBrowsedOnAPageThatRunsOnlyItsOwnScripts() {
        given().when().get("/docs/").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/openapi"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void browsersOfTheConfiguredFrontendMayCallTheApi() {
        given().header("Origin", GatewayTestProfile.FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, Idempotency-Key")
                .when().options("/api/v1/cases").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", GatewayTestProfile.FRONTEND)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("X-Frame-Options", "DENY");
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        given().header("Origin", GatewayTestProfile.FRONTEND).header("Authorization", "ApiKey " + key)
                .when().get("/api/v1/cases").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", GatewayTestProfile.FRONTEND)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
    }

    @Test
    void browsersOfAnyOtherSiteMayNot() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/cases").then()
                .header("Access-Control-Allow-Origin", nullValue());
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        given().header("Origin", "https://evil.example").header("Authorization", "ApiKey " + key)
                .when().get("/api/v1/cases").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    private static ValidatableResponse hardened(ValidatableResponse response) {
        return response
                .header("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Request-Id", notNullValue());
    }
}
