package org.corridor.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;

import java.time.Duration;

/**
 * One token bucket per caller: {@code burst} requests at once, refilled at {@code requests} per {@code period}.
 * Advertised with the IETF draft's fields (draft-ietf-httpapi-ratelimit-headers): the policy's quota is the burst and
 * its window the time an empty bucket takes to fill again.
 */
@Startup
@ApplicationScoped
public class RateLimiter {

    static final String POLICY = "\"per-caller\"";

    private final Bandwidth bandwidth;
    private final String policy;
    // a bucket left alone until it is full again is the same as a new one, so idle buckets may go
    private final Cache<String, Bucket> buckets;

    public RateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.bandwidth = Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.requests(), limit.period()).build();
        Duration fill = limit.period().multipliedBy(limit.burst()).dividedBy(limit.requests());
        this.policy = POLICY + ";q=" + limit.burst() + ";w=" + seconds(fill.toNanos());
        this.buckets = Caffeine.newBuilder().expireAfterAccess(fill).maximumSize(100_000).build();
    }

    /** Takes one request from the caller's bucket. */
    public Decision acquire(String caller) {
        ConsumptionProbe probe = buckets.get(caller, key -> Bucket.builder().addLimit(bandwidth).build())
                .tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                Math.max(1, seconds(probe.getNanosToWaitForRefill())), seconds(probe.getNanosToWaitForReset()));
    }

    /** The {@code RateLimit-Policy} field, the same on every response. */
    public String policy() {
        return policy;
    }

    /** Whole seconds, rounded up: a client that waits this long finds the tokens there. */
    private static long seconds(long nanos) {
        return (nanos + 999_999_999) / 1_000_000_000;
    }

    /**
     * @param retryAfter seconds until a token is back, for {@code Retry-After} when refused
     * @param reset      seconds until the bucket is full again
     */
    public record Decision(boolean allowed, long remaining, long retryAfter, long reset) {

        /** The {@code RateLimit} field: what is left now, and within how long it is restored. */
        public String header() {
            return POLICY + ";r=" + remaining + ";t=" + reset;
        }
    }
}
