import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded load client for Corridor's benchmarks, run from source with {@code java LoadClient.java}: sends a fixed
 * number of requests at a fixed concurrency to loopback, then prints throughput and latency percentiles. Requests
 * that are not 2xx are counted and reported, never hidden.
 *
 * <pre>
 * java LoadClient.java post URL AUTH BODY_FILE CONCURRENCY COUNT     one body, many times
 * java LoadClient.java journey BASE_URL AUTH CASE_IDS_FILE CONCURRENCY COUNT   entered-country on the listed cases
 * java LoadClient.java get URL AUTH CONCURRENCY COUNT
 * java LoadClient.java overload URL AUTH BODY_FILE CONCURRENCY SECONDS [no-backoff]   see {@link #overload}
 * java LoadClient.java token SIGNING_KEY_PEM ORG ROLE               an internal JWT for calling a service directly
 * java LoadClient.java receive SECRET_FILE PORT_FILE                 a webhook receiver, see {@link #receive}
 * </pre>
 * AUTH is the whole Authorization header value. The {@code post} mode prints the created ids to {@code ids.out}.
 */
public class LoadClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "token" -> System.out.println(token(Path.of(args[1]), args[2], args[3]));
            case "post" -> run(args[1], args[2], Files.readString(Path.of(args[3])), null,
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "journey" -> run(args[1], args[2], null, Files.readAllLines(Path.of(args[3])),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "get" -> run(args[1], args[2], null, null, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "overload" -> overload(args[1], args[2], Files.readString(Path.of(args[3])), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), args.length < 7 || !args[6].equals("no-backoff"));
            case "receive" -> receive(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void run(String url, String auth, String body, List<String> caseIds, int concurrency, int count) throws Exception {
        if (caseIds != null && caseIds.isEmpty()) {
            throw new IllegalArgumentException("no case ids to record journeys on");
        }
        checkLoopback(url);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < concurrency; worker++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest request = request(url, auth, body, caseIds, i);
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            latencies[i] = System.nanoTime() - sent;
                            if (response.statusCode() / 100 != 2) {
                                failures.incrementAndGet();
                            } else if (body != null) {
                                Matcher id = ID.matcher(response.body());
                                if (id.find()) {
                                    created.add(id.group(1));
                                }
                            }
                        } catch (Exception e) {
                            latencies[i] = System.nanoTime() - sent;
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("requests=%d concurrency=%d failures=%d throughput=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms%n",
                count, concurrency, failures.get(), count / seconds, percentile(latencies, 50), percentile(latencies, 99),
                latencies[count - 1] / 1e6);
        if (body != null) {
            Files.write(Path.of("ids.out"), new ArrayList<>(created));
        }
    }

    /**
     * CONCURRENCY callers post the body for SECONDS, each sending its next request when the last is answered, or
     * after the {@code Retry-After} of a 503 or 429 (as a careful partner system does; at once without {@code backoff}, as
     * a careless one does). Then one caller at a time
     * until five requests in a row are answered 2xx: the time from the end of the load to the first of them is how
     * long the system took to serve fully again. Prints goodput (2xx/s), refusals (503 and 429 /s), other answers,
     * the p50/p99 of the 2xx answers and the p99 of the refusals.
     */
    static void overload(String url, String auth, String body, int concurrency, int seconds, boolean backoff) throws Exception {
        checkLoopback(url);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Long> admitted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> refused = new ConcurrentLinkedQueue<>();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(seconds).toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < concurrency; worker++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(request(url, auth, body, null, 0), HttpResponse.BodyHandlers.ofString());
                            long latency = System.nanoTime() - sent;
                            int status = response.statusCode();
                            if (status / 100 == 2) {
                                admitted.add(latency);
                            } else if (status == 503 || status == 429) {
                                refused.add(latency);
                                if (status == 429) {
                                    tooMany.incrementAndGet();
                                }
                                long wait = backoff ? Duration.ofSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1)).toNanos() : 0;
                                Thread.sleep(Duration.ofNanos(Math.max(0, Math.min(wait, end - System.nanoTime()))));
                            } else {
                                other.incrementAndGet();
                            }
                        } catch (Exception e) {
                            other.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        long stopped = System.nanoTime();
        double loadSeconds = (stopped - started) / 1e9;
        int inARow = 0;
        long firstOfRow = 0;
        while (inARow < 5 && System.nanoTime() - stopped < Duration.ofSeconds(60).toNanos()) {
            long sent = System.nanoTime();
            int status;
            try {
                status = client.send(request(url, auth, body, null, 0), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = 0;
            }
            if (status / 100 == 2) {
                firstOfRow = inARow++ == 0 ? sent : firstOfRow;
            } else {
                inARow = 0;
                Thread.sleep(100);
            }
        }
        long[] ok = admitted.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] no = refused.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("concurrency=%d seconds=%.0f goodput=%.1f/s refused=%.1f/s (429: %d) other=%d admitted p50=%.0fms p99=%.0fms"
                        + " refused p99=%.1fms full service after=%s%n",
                concurrency, loadSeconds, ok.length / loadSeconds, no.length / loadSeconds, tooMany.get(), other.get(),
                ok.length == 0 ? Double.NaN : percentile(ok, 50), ok.length == 0 ? Double.NaN : percentile(ok, 99),
                no.length == 0 ? Double.NaN : percentile(no, 99),
                inARow < 5 ? "never (60 s)" : String.format("%.2fs", Math.max(0, firstOfRow - stopped) / 1e9));
    }

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * A webhook receiver on a free loopback port (written to PORT_FILE) that answers every POST (any path) 204 and checks what it
     * gets: the Standard Webhooks signature under the secret in SECRET_FILE (read at the first message, so it may be
     * written after the subscription that needs the port), repeats of a {@code webhook-id}, and messages of a case
     * older than one it already had. {@code GET /stats} answers
     * {@code messages=… distinct=… bad-signatures=… out-of-order=… last-new-ms=…}, the last the epoch milliseconds
     * when the newest distinct message arrived.
     */
    static void receive(Path secretFile, Path portFile) throws Exception {
        var ids = ConcurrentHashMap.<String>newKeySet();
        Map<String, String> newestPerCase = new ConcurrentHashMap<>();
        AtomicInteger messages = new AtomicInteger();
        AtomicInteger badSignatures = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicLong lastNew = new AtomicLong();
        byte[][] secret = new byte[1][];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/stats", exchange -> {
            byte[] stats = String.format("messages=%d distinct=%d bad-signatures=%d out-of-order=%d last-new-ms=%d%n",
                    messages.get(), ids.size(), badSignatures.get(), outOfOrder.get(), lastNew.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, stats.length);
            exchange.getResponseBody().write(stats);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String signed = id + "." + exchange.getRequestHeaders().getFirst("webhook-timestamp") + "." + body;
            try {
                synchronized (secret) {
                    if (secret[0] == null) {
                        secret[0] = Base64.getDecoder().decode(Files.readString(secretFile).trim().substring("whsec_".length()));
                    }
                }
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret[0], "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
                if (!Arrays.asList(exchange.getRequestHeaders().getFirst("webhook-signature").split(" ")).contains(expected)) {
                    badSignatures.incrementAndGet();
                }
            } catch (Exception e) {
                badSignatures.incrementAndGet();
            }
            messages.incrementAndGet();
            if (ids.add(id)) {
                lastNew.set(System.currentTimeMillis());
                Matcher caseId = CASE_ID.matcher(body);
                Matcher timestamp = TIMESTAMP.matcher(body);
                if (caseId.find() && timestamp.find()) {
                    String sent = timestamp.group(1);
                    String before = newestPerCase.merge(caseId.group(1), sent, 
                            (a, b) -> Instant.parse(a).isAfter(Instant.parse(b)) ? a : b);
                    if (!before.equals(sent)) {
                        outOfOrder.incrementAndGet();
                    }
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
    }

    static void checkLoopback(String url) {
        if (!URI.create(url).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("benchmarks only target this machine's loopback");
        }
    }

    static HttpRequest request(String url, String auth, String body, List<String> caseIds, int i) {
        var builder = HttpRequest.newBuilder().header("Authorization", auth).timeout(Duration.ofSeconds(30));
        if (caseIds != null) {
            String id = caseIds.get(i % caseIds.size());
            return builder.uri(URI.create(url + "/api/v1/cases/" + id + "/journey"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"kind\": \"entered-country\", \"country\": \"MN\", \"date\": \"2026-11-01\"}")).build();
        }
        builder.uri(URI.create(url));
        return body == null ? builder.GET().build()
                : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** An ES256 token with the claims the gateway puts in its internal tokens, valid five minutes. */
    static String token(Path signingKey, String organisation, String role) throws Exception {
        String pem = Files.readString(signingKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = System.currentTimeMillis() / 1000;
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"iss\":\"corridor-gateway\",\"aud\":\"corridor-services\",\"sub\":\"bench\","
                + "\"org\":\"" + organisation + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + claims + "." + encoder.encodeToString(signature.sign());
    }
}
