package org.corridor.cases.subscription.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Webhook subscriptions and the delivery of their messages. */
@ConfigMapping(prefix = "corridor.subscriptions")
public interface SubscriptionConfig {

    /**
     * Whether a webhook may point at a loopback, private or otherwise non-public address, over plain http. Only the
     * local runtime and the tests set it: anywhere else it would let a subscriber make the service call its own network.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** How often the sender looks for deliveries that are due (the scheduler's least is one second). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long a receiver has to connect and answer before the attempt counts as failed. */
    @WithDefault("PT5S")
    Duration timeout();

    /** Deliveries sent to one subscription per transaction at most, in order. */
    @WithDefault("500")
    int batchSize();

    /**
     * Deliveries of one subscription that travel at once at most, each on a connection of its own and each of another
     * case, since a case's messages go out one after the other.
     */
    @WithDefault("32")
    int inFlight();

    /** Subscriptions one instance sends to at the same time. */
    @WithDefault("4")
    int concurrency();

    Retry retry();

    /** A failed delivery is retried with capped exponential backoff until this long after its message. */
    interface Retry {

        @WithDefault("PT5S")
        Duration firstDelay();

        @WithDefault("PT10M")
        Duration maxDelay();

        @WithDefault("PT24H")
        Duration giveUpAfter();
    }
}
