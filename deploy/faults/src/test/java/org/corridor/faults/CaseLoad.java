package org.corridor.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Case creation through the gateway by a careful partner system: each case under its own {@code Idempotency-Key}, a
 * request that fails (no answer, 409 while the first attempt is still in progress, 429, 5xx) sent again with the same key
 * after a pause until it is answered 2xx. Records every answer, so that the suite can check what was promised.
 */
final class CaseLoad implements AutoCloseable {

    /** Where the load's cases are: a country whose policy the suite changes. */
    static final String COUNTRY = "MN";
    private static final Set<Integer> RETRIED = Set.of(409, 429, 500, 502, 503, 504);
    /**
     * Between one worker's cases: enough load to have requests in flight at every kill and retries throughout the
     * outage, without piling up thousands of cases that each later check has to read.
     */
    private static final Duration BETWEEN_CASES = Duration.ofMillis(250);
    /** A key still unanswered after this long is reported as such, never silently dropped. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final Gateway gateway;
    private final String caseworkerKey;
    private final ExecutorService workers;
    private final AtomicInteger aliases = new AtomicInteger();
    private volatile boolean stopping;

    /** Case ids answered 2xx, by Idempotency-Key. */
    final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
    /** Keys given up on, and keys answered with a status that is not retried. */
    final Map<String, Integer> refused = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    CaseLoad(Gateway gateway, String caseworkerKey, int concurrency) {
        this.gateway = gateway;
        this.caseworkerKey = caseworkerKey;
        this.workers = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            workers.submit(this::createCasesUntilStopped);
        }
    }

    /** Waits until {@code count} cases have been answered 2xx since {@code since} (nanoTime), or fails. */
    void awaitAccepted(int count, long since, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acceptedSince(since) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acceptedSince(since) + " of " + count + " cases answered 2xx within "
                        + timeout + "; answers since: " + statusesSince(since));
            }
            Gateway.pause(Duration.ofMillis(100));
        }
    }

    long acceptedSince(long since) {
        return attempts.stream().filter(attempt -> attempt.at() >= since && attempt.status() / 100 == 2).count();
    }

    /** The attempts answered with a server error or not answered at all, from {@code since} (nanoTime). */
    List<Attempt> failedSince(long since) {
        return attempts.stream().filter(attempt -> attempt.at() >= since && (attempt.status() >= 500 || attempt.status() < 0))
                .toList();
    }

    Map<Integer, Long> statusesSince(long since) {
        Map<Integer, Long> statuses = new TreeMap<>();
        attempts.stream().filter(attempt -> attempt.at() >= since)
                .forEach(attempt -> statuses.merge(attempt.status(), 1L, Long::sum));
        return statuses;
    }

    /** Stops creating new cases; the keys in flight are retried until answered (or given up, which is reported). */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
            throw new AssertionError("case creation did not finish after the load stopped");
        }
    }

    private void createCasesUntilStopped() {
        while (!stopping) {
            createOneCase(UUID.randomUUID().toString(), request());
            Gateway.pause(BETWEEN_CASES);
        }
    }

    private void createOneCase(String idempotencyKey, ObjectNode body) {
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration pause = Duration.ofMillis(100);
        while (true) {
            int status;
            String problem = null;
            try {
                Gateway.Answer answer = gateway.call(caseworkerKey, "POST", "/api/v1/cases", body,
                        "Idempotency-Key", idempotencyKey);
                status = answer.status();
                if (status / 100 == 2) {
                    accepted.computeIfAbsent(idempotencyKey, key -> ConcurrentHashMap.newKeySet())
                            .add(answer.json().get("id").asText());
                } else {
                    problem = answer.problemType();
                }
            } catch (IOException e) {
                status = -1;
                problem = e.getClass().getSimpleName();
            }
            attempts.add(new Attempt(System.nanoTime(), status, problem));
            if (status / 100 == 2) {
                return;
            }
            if (!RETRIED.contains(status) && status != -1 || System.nanoTime() > giveUp) {
                refused.put(idempotencyKey, status);
                return;
            }
            Gateway.pause(pause);
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : pause.multipliedBy(2);
        }
    }

    private ObjectNode request() {
        ObjectNode member = Gateway.object().put("alias", "Fault-" + aliases.incrementAndGet())
                .put("sex", "female").put("ageBand", "18-59");
        ObjectNode body = Gateway.object();
        body.set("members", Gateway.JSON.createArrayNode().add(member));
        body.put("currentCountry", COUNTRY);
        ArrayNode route = body.putArray("plannedRoute");
        route.add(COUNTRY).add("KR");
        return body;
    }

    /**
     * One request: when it was answered (nanoTime), its status (-1 when no answer came) and, when refused, the problem
     * type's last segment (or the exception that stood for the answer).
     */
    record Attempt(long at, int status, String problem) {
    }
}
