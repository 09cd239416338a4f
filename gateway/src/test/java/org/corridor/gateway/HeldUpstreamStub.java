package org.corridor.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Services to overload and to kill. case-service holds every request but its readiness until the test opens its gate
 * ({@code POST /stub/open} on the stub itself; {@code GET /stub/held} counts the requests it holds), so a test sees
 * what the gateway does with calls beyond the limit while the admitted ones are still in the service. Nothing listens
 * on policy-service's and report-service's ports until a test starts a server there.
 */
public class HeldUpstreamStub implements QuarkusTestResourceLifecycleManager {

    private HttpServer held;
    private boolean open;
    private int holding;

    @Override
    public Map<String, String> start() {
        try {
            held = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            held.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            held.createContext("/stub/open", exchange -> {
                synchronized (this) {
                    open = true;
                    notifyAll();
                }
                answer(exchange, "{}");
            });
            held.createContext("/stub/held", exchange -> answer(exchange, Integer.toString(holding())));
            // busy, not unwell: its readiness answers at once
            held.createContext("/q/health/ready", exchange -> answer(exchange, "{\"status\": \"UP\"}"));
            held.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                awaitOpen();
                // as case-service lists cases: an empty page, which the contract's checks of each answer accept
                answer(exchange, "{\"items\": [], \"next\": null}");
            });
            held.start();
            String caseService = "http://127.0.0.1:" + held.getAddress().getPort();
            String policyService = "http://127.0.0.1:" + freePort();
            String reportService = "http://127.0.0.1:" + freePort();
            // each stub answers its readiness on the port of its API
            return Map.of(
                    "corridor.gateway.upstreams.case-service", caseService,
                    "corridor.gateway.upstreams.policy-service", policyService,
                    "corridor.gateway.upstreams.report-service", reportService,
                    "corridor.gateway.upstreams.management.case-service", caseService,
                    "corridor.gateway.upstreams.management.policy-service", policyService,
                    "corridor.gateway.upstreams.management.report-service", reportService);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            open = true;
            notifyAll();
        }
        if (held != null) {
            held.stop(0);
        }
    }

    private synchronized int holding() {
        return holding;
    }

    private synchronized void awaitOpen() {
        holding++;
        try {
            while (!open) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding--;
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
