package org.corridor.cases.subscription;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A partner's endpoint on a free loopback port: records every request and answers the status it is set to. */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status;
            var headers = exchange.getRequestHeaders();
            received.add(new Received(Map.of(
                    "webhook-id", String.valueOf(headers.getFirst("webhook-id")),
                    "webhook-timestamp", String.valueOf(headers.getFirst("webhook-timestamp")),
                    "webhook-signature", String.valueOf(headers.getFirst("webhook-signature")),
                    "content-type", String.valueOf(headers.getFirst("content-type"))), body, answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/corridor?partner=1";
    }

    void answer(int status) {
        this.status = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> delivered() {
        return received.stream().filter(request -> request.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
