package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bearer tokens of the configured identity provider, checked against its key set (see {@link IdentityProviderStub}). */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class OidcGatewayTest {

    @Test
    void aGoodTokenBecomesTheSameInternalTokenAsAnApiKey() throws Exception {
        String token = IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "crossing-hope",
                "corridor-case-officer", "coordinator", "offline_access"));
        String authorization = given().header("Authorization", "Bearer " + token).when().get("/api/v1/cases").then()
                .statusCode(200)
                .body("authorization", not(containsString(token)))
                .extract().path("authorization");

        JwtClaims claims = ApiKeyGatewayTest.verifiedInternalToken(authorization.substring("Bearer ".length()));
        assertEquals("corridor-gateway", claims.getIssuer());
        assertEquals("user-7", claims.getSubject());
        assertEquals("crossing-hope", claims.getClaimValue("org"));
        assertEquals(List.of("caseworker", "coordinator"), claims.getStringListClaimValue("roles").stream().sorted().toList(),
                "mapped roles and Corridor roles pass; anything else is dropped");
    }

    @Test
    void tokensThatAreNotTheProvidersOrNotForUsAreRefused() throws Exception {
        var stranger = KeyPairGenerator.getInstance("RSA");
        stranger.initialize(2048);
        List<String> refused = List.of(
                "not-a-jwt",
                IdentityProviderStub.token("user-7", "crossing-hope", "caseworker").jws().keyId(IdentityProviderStub.KEY_ID)
                        .algorithm(SignatureAlgorithm.RS256).sign(stranger.generateKeyPair().getPrivate()),
                IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "crossing-hope", "caseworker").issuer("https://elsewhere.test")),
                IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "crossing-hope", "caseworker").audience("another-client")),
                IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "crossing-hope", "caseworker")
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))),
                IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "crossing-hope", "caseworker").remove("org")),
                IdentityProviderStub.signed(IdentityProviderStub.token("user-7", "Crossing Hope!", "caseworker")));
        for (String token : refused) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/cases").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "ApiKey, Bearer")
                    .body(not(containsString(token)));
        }
    }

    @Test
    void aGoodTokenWithoutACorridorRoleIs403() {
        String token = IdentityProviderStub.signed(IdentityProviderStub.token("user-8", "open-road", "offline_access"));
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/cases").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void aBodyArrivesWholeAfterTheTokenIsChecked() {
        String token = IdentityProviderStub.signed(IdentityProviderStub.token("user-9", "open-road", "coordinator"));
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("note", "x".repeat(200_000)))
                .when().post("/api/v1/cases").then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(200_000 + "{\"note\":\"\"}".length()));
    }
}
