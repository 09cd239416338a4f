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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load client for Corridor's benchmarks, run from source with {@code java LoadClient.java}: sends a fixed
 * number of requests at a fixed concurrency to loopback, then prints throughput and latency percentiles. Requests
 * that are not 2xx are counted and reported, never hidden.
 *
 * <pre>
 * java LoadClient.java post URL AUTH BODY_FILE CONCURRENCY COUNT     one body, many times
 * java LoadClient.java journey BASE_URL AUTH CASE_IDS_FILE CONCURRENCY COUNT   entered-country on the listed cases
 * java LoadClient.java get URL AUTH CONCURRENCY COUNT
 * java LoadClient.java token SIGNING_KEY_PEM ORG ROLE               an internal JWT for calling a service directly
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
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void run(String url, String auth, String body, List<String> caseIds, int concurrency, int count) throws Exception {
        if (caseIds != null && caseIds.isEmpty()) {
            throw new IllegalArgumentException("no case ids to record journeys on");
        }
        if (!URI.create(url).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("benchmarks only target this machine's loopback");
        }
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
