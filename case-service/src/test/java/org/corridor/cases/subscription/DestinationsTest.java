package org.corridor.cases.subscription;

import org.corridor.cases.subscription.config.SubscriptionConfig;
import org.corridor.cases.subscription.domain.DeliveryError;
import org.corridor.cases.subscription.service.Destinations;
import org.corridor.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Outside the local runtime a webhook cannot be aimed at the service's own host or network. */
class DestinationsTest {

    static final Destinations OUTSIDE_THE_LOCAL_RUNTIME = new Destinations(new SubscriptionConfig() {
        public boolean allowPrivateAddresses() {
            return false;
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        public Duration timeout() {
            return Duration.ofSeconds(5);
        }

        public int batchSize() {
            return 100;
        }

        public int concurrency() {
            return 1;
        }

        public int inFlight() {
            return 1;
        }

        public Retry retry() {
            throw new UnsupportedOperationException();
        }
    });

    static final List<String> INNER_ADDRESSES = List.of(
            "https://127.0.0.1/hook", "https://127.9.9.9/hook", "https://localhost/hook", "https://[::1]/hook",
            "https://10.0.0.1/hook", "https://172.16.5.4/hook", "https://192.168.1.1/hook", "https://100.64.0.1/hook",
            "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/hook", "https://[fd00::1]/hook",
            "https://0.0.0.0/hook", "https://[::]/hook", "https://224.0.0.1/hook", "https://[ff02::1]/hook",
            "https://255.255.255.255/hook", "https://[::ffff:127.0.0.1]/hook", "https://[64:ff9b::a00:1]/hook",
            "https://[2002:a00:1::]/hook", "https://[::10.0.0.1]/hook");

    @Test
    void anInnerAddressIsRefusedWhenSubscribing() {
        for (String url : INNER_ADDRESSES) {
            var refused = assertThrows(ProblemException.class, () -> OUTSIDE_THE_LOCAL_RUNTIME.requireAllowed(url), url);
            assertEquals(400, refused.status(), url);
        }
    }

    @Test
    void anInnerAddressIsRefusedBeforeEveryAttempt() {
        for (String url : INNER_ADDRESSES) {
            var refused = assertThrows(Destinations.RefusedDestination.class,
                    () -> OUTSIDE_THE_LOCAL_RUNTIME.resolve(URI.create(url)), url);
            assertEquals(DeliveryError.REFUSED_ADDRESS, refused.error(), url);
        }
    }

    @Test
    void plainHttpIsRefusedEvenToAPublicAddress() {
        assertThrows(ProblemException.class, () -> OUTSIDE_THE_LOCAL_RUNTIME.requireAllowed("http://93.184.215.14/hook"));
        assertThrows(ProblemException.class, () -> OUTSIDE_THE_LOCAL_RUNTIME.requireAllowed("http://127.0.0.1/hook"));
    }

    @Test
    void aPublicHttpsAddressIsTaken() {
        assertEquals(URI.create("https://93.184.215.14/hook?x=1"),
                OUTSIDE_THE_LOCAL_RUNTIME.requireAllowed("https://93.184.215.14/hook?x=1"));
        assertEquals(URI.create("https://[2606:4700::1111]/hook"),
                OUTSIDE_THE_LOCAL_RUNTIME.requireAllowed("https://[2606:4700::1111]/hook"));
    }
}
