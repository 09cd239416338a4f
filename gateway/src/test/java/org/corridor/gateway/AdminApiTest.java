package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class AdminApiTest {

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @Test
    void anIssuedKeyIsShownOnceWorksAtOnceAndStopsAtOnceWhenRevoked() {
        var issued = asAdmin().header("Host", "attacker.example")
                .body(Map.of("org", "open-road", "roles", new String[] {"analyst"}, "label", "open-road reporting"))
                .when().post("/admin/v1/keys").then()
                .statusCode(201)
                .header("Location", matchesPattern("/admin/v1/keys/[0-9a-f-]{36}"))
                .header("Cache-Control", "no-store")
                .body("org", equalTo("open-road"))
                .body("roles", equalTo(List.of("analyst")))
                .body("state", equalTo("active"))
                .body("apiKey", startsWith("cor_"))
                .extract();
        String key = issued.path("apiKey");
        String id = issued.path("id");

        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then()
                .statusCode(200).body("authorization", startsWith("Bearer "));

        asAdmin().when().get("/admin/v1/keys/" + id).then()
                .statusCode(200)
                .body("label", equalTo("open-road reporting"))
                .body("apiKey", nullValue());
        asAdmin().queryParam("org", "open-road").when().get("/admin/v1/keys").then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body("org", everyItem(equalTo("open-road")))
                .body("apiKey", everyItem(nullValue()));

        asAdmin().when().delete("/admin/v1/keys/" + id).then().statusCode(204);
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then().statusCode(401);
        asAdmin().when().get("/admin/v1/keys/" + id).then().statusCode(200).body("state", equalTo("revoked"));
        asAdmin().when().delete("/admin/v1/keys/" + id).then().statusCode(204);
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        String expired = new TestApiKeys(store, directory).expired("open-road", "analyst");
        given().header("Authorization", "ApiKey " + expired).when().get("/api/v1/cases").then().statusCode(401);
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String key = asAdmin().body(Map.of("org", "open-road", "roles", new String[] {"auditor"}, "label", "until tomorrow",
                        "expiresAt", tomorrow.toString()))
                .when().post("/admin/v1/keys").then()
                .statusCode(201)
                .body("expiresAt", equalTo(tomorrow.toString()))
                .extract().path("apiKey");
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void onlyAnAdminKeyOpensTheAdminApi() {
        given().when().get("/admin/v1/keys").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "ApiKey");
        given().header("Authorization", "ApiKey cor_not-an-admin").when().get("/admin/v1/keys").then().statusCode(401);
        String partner = new TestApiKeys(store, directory).active("crossing-hope", "coordinator");
        given().header("Authorization", "ApiKey " + partner).when().get("/admin/v1/keys").then().statusCode(401);
        given().header("Authorization", "ApiKey " + partner).contentType(ContentType.JSON)
                .body(Map.of("org", "crossing-hope", "roles", new String[] {"coordinator"}, "label", "self-service"))
                .when().post("/admin/v1/keys").then().statusCode(401);
        given().header("Authorization", "ApiKey " + GatewayTestProfile.ADMIN_KEY).when().get("/api/v1/cases").then().statusCode(401);
    }

    @Test
    void aKeyRequestNamesAKnownOrganisationRolesAndAFutureExpiry() {
        asAdmin().body(Map.of("org", "Open Road", "roles", new String[] {"analyst"}, "label", "x"))
                .when().post("/admin/v1/keys").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("org"));
        asAdmin().body(Map.of("org", "open-road", "roles", new String[] {"root"}, "label", "x"))
                .when().post("/admin/v1/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("roles"));
        asAdmin().body(Map.of("org", "open-road", "roles", new String[] {}, "label", "x"))
                .when().post("/admin/v1/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("roles"));
        asAdmin().body(Map.of("org", "open-road", "roles", new String[] {"analyst"}, "label", "x", "expiresAt", "2020-01-01T00:00:00Z"))
                .when().post("/admin/v1/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        asAdmin().body(Map.of("org", "open-road", "roles", new String[] {"analyst"}))
                .when().post("/admin/v1/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("label"));
    }

    @Test
    void anUnknownKeyIsA404Problem() {
        asAdmin().when().get("/admin/v1/keys/00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json");
        asAdmin().when().delete("/admin/v1/keys/00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json").body("detail", not(nullValue()));
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", "ApiKey " + GatewayTestProfile.ADMIN_KEY).contentType(ContentType.JSON);
    }
}
