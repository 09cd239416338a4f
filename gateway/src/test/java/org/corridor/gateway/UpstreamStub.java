package org.corridor.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.corridor.infra.testing.ContractValidation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Stands in for the services behind the gateway. case-service answers every request with what it received (method,
 * path, query, Host, Authorization, X-Request-Id, Cookie, every traceparent, body size) so a test can see what the gateway forwarded (marked as a
 * {@link ContractValidation#STAND_IN}'s answer, which no contract describes);
 * policy-service is down (a closed port); report-service reads requests and never answers. Like the real services,
 * case-service answers its readiness only on a port of its own (its management interface), not beside its API.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    // The tests run in another class loader than this resource, so the counts go where both see them.
    private static final String SILENT_RECEIVED = "corridor.test.silent-upstream.received";

    private HttpServer echo;
    private HttpServer management;
    private ServerSocket silent;

    @Override
    public Map<String, String> start() {
        try {
            System.setProperty(SILENT_RECEIVED, "0");
            echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            echo.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            echo.createContext("/", exchange -> {
                int bodyLength = exchange.getRequestBody().readAllBytes().length;
                var headers = exchange.getRequestHeaders();
                String body = """
                        {"method": "%s", "path": "%s", "query": "%s", "host": "%s", "authorization": "%s", "requestId": "%s", "cookie": "%s", "traceparents": "%s", "bodyLength": %d}"""
                        .formatted(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                                headers.getFirst("Host"), headers.getFirst("Authorization"), headers.getFirst("X-Request-Id"),
                                headers.getFirst("Cookie"), String.join(" ", headers.getOrDefault("traceparent", List.of())), bodyLength);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add(ContractValidation.STAND_IN, "echo");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            echo.createContext("/q/", exchange -> {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            echo.start();
            management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            management.createContext("/q/health/ready", exchange -> {
                byte[] bytes = "{\"status\": \"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            management.start();
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::acceptSilently);
            String policyService = "http://127.0.0.1:" + closedPort();
            String reportService = "http://127.0.0.1:" + silent.getLocalPort();
            return Map.of(
                    "corridor.gateway.upstreams.case-service", "http://127.0.0.1:" + echo.getAddress().getPort(),
                    "corridor.gateway.upstreams.policy-service", policyService,
                    "corridor.gateway.upstreams.report-service", reportService,
                    "corridor.gateway.upstreams.management.case-service", "http://127.0.0.1:" + management.getAddress().getPort(),
                    "corridor.gateway.upstreams.management.policy-service", policyService,
                    "corridor.gateway.upstreams.management.report-service", reportService);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (echo != null) {
            echo.stop(0);
        }
        if (management != null) {
            management.stop(0);
        }
        try {
            if (silent != null) {
                silent.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests the silent report-service has read so far. */
    static int silentRequestsReceived() {
        return Integer.getInteger(SILENT_RECEIVED, 0);
    }

    private void acceptSilently() {
        while (!silent.isClosed()) {
            try {
                Socket connection = silent.accept();
                Thread.ofVirtual().start(() -> holdSilently(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads each request on the connection and answers none, until the gateway gives up and closes it. */
    private static void holdSilently(Socket connection) {
        try (connection; InputStream in = connection.getInputStream()) {
            int matched = 0;
            for (int next = in.read(); next >= 0; next = in.read()) {
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
                if (matched == 4) {
                    received();
                    matched = 0;
                }
            }
        } catch (IOException reset) {
            // the gateway gave up on the request
        }
    }

    private static synchronized void received() {
        System.setProperty(SILENT_RECEIVED, Integer.toString(silentRequestsReceived() + 1));
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
