import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthetic case-service for report-service's benchmark, run from source with the Kafka client on the class path:
 * writes valid case events (case-service/asyncapi.yaml: CloudEvents carrying codes and counts, never personal data)
 * straight to corridor.case-events, keyed by case id.
 *
 * <pre>
 * java -cp 'deploy/infra/target/lib/*' CaseEventLoad.java load BOOTSTRAP CASES full|final
 *     CASES cases as fast as the broker takes them, each as every event of its journey (full) or only its last (final);
 *     prints the number of events and of people
 * java -cp 'deploy/infra/target/lib/*' CaseEventLoad.java steady BOOTSTRAP RATE
 *     new cases at RATE events/s until stopped; prints how many it sent when it stops
 * java -cp 'deploy/infra/target/lib/*' CaseEventLoad.java lag BOOTSTRAP REPORT_URL PROBE_AUTH RATE SECONDS
 *     new cases at RATE events/s for SECONDS, and every 200 ms a probe event of organisation bench-probe whose time is
 *     when it was sent; after each probe, polls the probe organisation's overview until its asOf reaches that time
 *     and prints the lag percentiles
 * </pre>
 * PROBE_AUTH is the Authorization header of a coordinator of bench-probe.
 */
public class CaseEventLoad {

    private static final String TOPIC = "corridor.case-events";
    private static final List<String> NORTH = List.of("CN", "MN", "KR");
    private static final List<String> SOUTH = List.of("CN", "VN", "LA", "TH", "KR");
    private static final Pattern AS_OF = Pattern.compile("\"asOf\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1], Integer.parseInt(args[2]), args[3].equals("final"));
            case "steady" -> steady(args[1], Integer.parseInt(args[2]));
            case "lag" -> lag(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    static void load(String bootstrap, int cases, boolean finalOnly) throws Exception {
        var random = new Random(20261123);
        long events = 0;
        long people = 0;
        long started = System.nanoTime();
        try (var producer = producer(bootstrap)) {
            for (int i = 0; i < cases; i++) {
                SyntheticCase synthetic = SyntheticCase.of(random, "bench-org-" + (1 + random.nextInt(20)));
                List<String> data = synthetic.events();
                for (String event : finalOnly ? data.subList(data.size() - 1, data.size()) : data) {
                    send(producer, synthetic.caseId, event);
                    events++;
                }
                people += synthetic.people();
            }
        }
        System.out.printf("events=%d people=%d produced in %.1f s%n", events, people, (System.nanoTime() - started) / 1e9);
    }

    static void steady(String bootstrap, int rate) throws Exception {
        try (var producer = producer(bootstrap)) {
            var background = new Background(producer, rate);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf("background=%d events in %.0f s (%.0f/s)%n",
                    background.sent, background.seconds(), background.sent / background.seconds())));
            while (true) {
                background.sendDue();
                Thread.sleep(1);
            }
        }
    }

    static void lag(String bootstrap, String reportUrl, String probeAuth, int rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest overview = HttpRequest.newBuilder(URI.create(reportUrl + "/api/v1/reports/overview"))
                .header("Authorization", probeAuth).build();
        List<Long> lags = new ArrayList<>();
        var random = new Random();
        Background background;
        try (var producer = producer(bootstrap)) {
            background = new Background(producer, rate);
            long end = background.start + Duration.ofSeconds(seconds).toNanos();
            long nextProbe = background.start;
            while (System.nanoTime() < end) {
                background.sendDue();
                if (System.nanoTime() >= nextProbe) {
                    nextProbe += Duration.ofMillis(200).toNanos();
                    SyntheticCase probe = SyntheticCase.of(random, "bench-probe");
                    Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    producer.send(record(probe.caseId, probe.opened(time)));
                    producer.flush();
                    lags.add(awaitAsOf(http, overview, time));
                }
                Thread.sleep(1);
            }
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("background=%d events in %d s (%d/s) probes=%d lag p50=%.0fms p99=%.0fms max=%.0fms%n",
                background.sent, seconds, background.sent / seconds, sorted.length, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** The events of new cases of the 20 benchmark organisations, sent at a steady rate from when it was made. */
    static final class Background {
        final KafkaProducer<String, byte[]> producer;
        final int rate;
        final Random random = new Random();
        final long start = System.nanoTime();
        final List<String> pending = new ArrayList<>();
        String pendingCase;
        volatile long sent;

        Background(KafkaProducer<String, byte[]> producer, int rate) {
            this.producer = producer;
            this.rate = rate;
        }

        /** Sends the events due by now. */
        void sendDue() {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                if (pending.isEmpty()) {
                    SyntheticCase synthetic = SyntheticCase.of(random, "bench-org-" + (1 + random.nextInt(20)));
                    pending.addAll(synthetic.events());
                    pendingCase = synthetic.caseId;
                }
                send(producer, pendingCase, pending.removeFirst());
                sent++;
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Nanoseconds from the probe's time until the probe organisation's overview says it is applied. */
    static long awaitAsOf(HttpClient http, HttpRequest overview, Instant time) throws Exception {
        while (true) {
            HttpResponse<String> response = http.send(overview, HttpResponse.BodyHandlers.ofString());
            Matcher asOf = AS_OF.matcher(response.body());
            if (response.statusCode() == 200 && asOf.find() && !Instant.parse(asOf.group(1)).isBefore(time)) {
                return Duration.between(time, Instant.now()).toNanos();
            }
            Thread.sleep(2);
        }
    }

    static void send(KafkaProducer<String, byte[]> producer, String caseId, String event) {
        producer.send(record(caseId, event));
    }

    static ProducerRecord<String, byte[]> record(String caseId, String event) {
        return new ProducerRecord<>(TOPIC, caseId, event.getBytes(StandardCharsets.UTF_8));
    }

    static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** A case with a plausible journey: north through Mongolia or south through Laos and Thailand. */
    static final class SyntheticCase {
        final String caseId = UUID.randomUUID().toString();
        final String organisation;
        final Random random;
        final Map<String, Integer> bands = new TreeMap<>();
        final Map<String, Integer> vulnerabilities = new TreeMap<>();
        final LocalDate openedOn;
        LocalDate day;
        int revision = 1;
        String status = "open";
        String country;

        private SyntheticCase(Random random, String organisation) {
            this.random = random;
            this.organisation = organisation;
            double size = random.nextDouble();
            int members = size < 0.6 ? 1 : size < 0.9 ? 2 + random.nextInt(3) : 5 + random.nextInt(26);
            for (int m = 0; m < members; m++) {
                String sex = random.nextDouble() < 0.7 ? "female" : "male";
                String age = List.of("0-4", "5-11", "12-17", "18-59", "18-59", "18-59", "18-59", "60+").get(random.nextInt(8));
                bands.merge(sex + " " + age, 1, Integer::sum);
                if (sex.equals("female") && age.equals("18-59") && random.nextDouble() < 0.1) {
                    vulnerabilities.merge("pregnant", 1, Integer::sum);
                }
                if (age.equals("60+")) {
                    vulnerabilities.merge("elderly", 1, Integer::sum);
                }
                if (random.nextDouble() < 0.05) {
                    vulnerabilities.merge("trafficking-survivor", 1, Integer::sum);
                }
            }
            openedOn = LocalDate.of(2000 + random.nextInt(26), 1 + random.nextInt(12), 1 + random.nextInt(28));
            day = openedOn;
        }

        static SyntheticCase of(Random random, String organisation) {
            return new SyntheticCase(random, organisation);
        }

        int people() {
            return bands.values().stream().mapToInt(Integer::intValue).sum();
        }

        String opened(Instant time) {
            return event("opened", null, time);
        }

        /** Every event of the journey, opened first, each carrying the state after it. */
        List<String> events() {
            List<String> events = new ArrayList<>(List.of(opened(Instant.now())));
            for (String next : random.nextBoolean() ? NORTH : SOUTH) {
                if (next.equals("KR")) {
                    if (!status.equals("handed-over")) {
                        events.add(step("handed-to-embassy", country, "handed-over"));
                    }
                    events.add(step("arrived", "KR", "resettled"));
                    return events;
                }
                events.add(step("entered-country", next, "in-transit"));
                if (random.nextDouble() < 0.15) {
                    events.add(step("detained", next, "detained"));
                    if (random.nextDouble() < 0.5) {
                        events.add(step("repatriated", next, "repatriated"));
                        return events;
                    }
                    events.add(step("released", next, "in-transit"));
                } else if (random.nextDouble() < 0.05) {
                    events.add(step("fined", next, status));
                }
            }
            return events;
        }

        private String step(String kind, String where, String newStatus) {
            revision++;
            day = day.plusDays(1 + random.nextInt(40));
            status = newStatus;
            country = where;
            return event("journey-recorded", "{\"kind\": \"%s\", \"country\": \"%s\", \"date\": \"%s\"}".formatted(kind, where, day),
                    Instant.now());
        }

        private String event(String type, String journey, Instant time) {
            String sexAgeBands = String.join(", ", bands.entrySet().stream().map(band -> {
                String[] parts = band.getKey().split(" ");
                return "{\"sex\": \"%s\", \"ageBand\": \"%s\", \"count\": %d}".formatted(parts[0], parts[1], band.getValue());
            }).toList());
            String vulnerable = String.join(", ", vulnerabilities.entrySet().stream()
                    .map(v -> "{\"vulnerability\": \"%s\", \"count\": %d}".formatted(v.getKey(), v.getValue())).toList());
            String data = """
                    {"caseId": "%s", "revision": %d, "organisation": "%s", "status": "%s", "currentCountry": %s, "risk": null, \
                    "people": %d, "openedOn": "%s", "sexAgeBands": [%s], "vulnerabilities": [%s]%s}"""
                    .formatted(caseId, revision, organisation, status, country == null ? "null" : "\"" + country + "\"",
                            people(), openedOn, sexAgeBands, vulnerable, journey == null ? "" : ", \"journey\": " + journey);
            return """
                    {"specversion": "1.0", "id": "%s", "source": "/corridor/case-service", "type": "org.corridor.case.%s", \
                    "subject": "%s", "time": "%s", "datacontenttype": "application/json", "data": %s}"""
                    .formatted(UUID.randomUUID(), type, caseId, time, data);
        }
    }
}
