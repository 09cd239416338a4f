package org.corridor.infra.testing;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A test whose application answers outside its contract fails, though it asserts nothing about the answer itself. */
class ContractFilterTest {

    private HttpServer application;

    @BeforeEach
    void start() throws IOException {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/api/v1/cases/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestHeaders().containsKey("Origin") && path.endsWith("/cors")) {
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
                return;
            }
            int status = path.endsWith("/gone") ? 410 : 200;
            String body = path.endsWith("/stand-in") || path.endsWith("/typed")
                    ? "{\"id\": \"0b4cf5a6-6d1e-4c43-9a5e-2f3c7d1e8a90\", \"status\": \"open\", \"members\": \"three\"}"
                    : "{\"type\": \"https://corridor.example/problems/gone\", \"title\": \"Gone\", \"status\": 410}";
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            if (path.endsWith("/stand-in")) {
                exchange.getResponseHeaders().add(ContractValidation.STAND_IN, "echo");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        application.start();
        RestAssured.port = application.getAddress().getPort();
        RestAssured.filters(new ContractValidation.ContractFilter(
                OpenApiContract.load(Path.of("src", "test", "resources", "drift-test.openapi.json"))));
    }

    @AfterEach
    void stop() {
        RestAssured.reset();
        application.stop(0);
    }

    @Test
    void anUndeclaredStatusFailsTheTest() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().get("/api/v1/cases/gone").then().statusCode(410));
        assertThat(failure.getMessage(), containsString(
                "GET /api/v1/cases/{id} answered 410, which drift-test.openapi.json does not declare (declared: 200, 404)"));
    }

    @Test
    void aFieldOfTheWrongTypeFailsTheTest() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().get("/api/v1/cases/typed").then().statusCode(200));
        assertThat(failure.getMessage(), containsString("GET /api/v1/cases/{id} answered 200: at /members"));
    }

    @Test
    void onlyTheCorsProtocolsOwnRefusalIsOutsideTheContract() {
        given().header("Origin", "https://elsewhere.example").get("/api/v1/cases/cors").then().statusCode(403);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().header("Origin", "https://elsewhere.example").get("/api/v1/cases/gone"));
        assertThat(failure.getMessage(), containsString("answered 410"));
    }

    @Test
    void standInsAndOtherPortsAreNotTheApplication() {
        given().get("/api/v1/cases/stand-in").then().statusCode(200);
        RestAssured.port = RestAssured.port + 1;
        given().get("http://127.0.0.1:" + application.getAddress().getPort() + "/api/v1/cases/gone").then().statusCode(410);
    }
}
