package org.corridor.cases.subscription.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.config.SubscriptionConfig;
import org.corridor.cases.subscription.domain.DeliveryError;
import org.corridor.cases.subscription.domain.PublicAddresses;
import org.corridor.platform.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a webhook may be sent. Outside the local runtime ({@link SubscriptionConfig#allowPrivateAddresses()}) only
 * https to a host whose every address is public: checked when a URL is subscribed, and again before each attempt,
 * whose connection then goes to the very address checked, so a name re-pointed at an inner address (DNS rebinding)
 * reaches nothing inside.
 */
@ApplicationScoped
public class Destinations {

    private static final int MAX_URL_LENGTH = 2000;

    private final SubscriptionConfig config;

    public Destinations(SubscriptionConfig config) {
        this.config = config;
    }

    /** The URL a subscriber gave, if it may be subscribed; otherwise a 400 problem that names the rule. */
    public URI requireAllowed(String url) {
        URI target = parse(url);
        try {
            resolve(target);
        } catch (RefusedDestination refused) {
            throw ProblemException.invalidField("url", refused.getMessage());
        }
        return target;
    }

    /** The address to connect to for a subscribed URL, checked now. */
    public InetAddress resolve(URI url) throws RefusedDestination {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedDestination(DeliveryError.UNRESOLVED_HOST, "names a host that does not resolve");
        }
        if (!config.allowPrivateAddresses() && !Arrays.stream(addresses).allMatch(PublicAddresses::isPublic)) {
            throw new RefusedDestination(DeliveryError.REFUSED_ADDRESS,
                    "names a host that resolves to a loopback, private, link-local or otherwise non-public address");
        }
        return addresses[0];
    }

    private URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalidField("url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ProblemException.invalidField("url", "is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField("url", "is not a URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean allowedScheme = scheme.equals("https") || (scheme.equals("http") && config.allowPrivateAddresses());
        if (!allowedScheme || target.getHost() == null) {
            throw ProblemException.invalidField("url", config.allowPrivateAddresses()
                    ? "is not an absolute http or https URL with a host" : "is not an absolute https URL with a host");
        }
        if (target.getRawUserInfo() != null || target.getRawFragment() != null) {
            throw ProblemException.invalidField("url", "must not carry credentials or a fragment");
        }
        return target;
    }

    /** A destination that may not be sent to, and why. */
    public static class RefusedDestination extends Exception {

        private final DeliveryError error;

        RefusedDestination(DeliveryError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public DeliveryError error() {
            return error;
        }
    }
}
