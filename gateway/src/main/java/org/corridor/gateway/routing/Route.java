package org.corridor.gateway.routing;

import java.time.Duration;

/**
 * A resource under {@code /api/v1/} (its name, e.g. {@code cases}), the service that owns it, how long it may take, and
 * whether its body streams to the service as it arrives instead of being read first.
 */
public record Route(String name, String service, Duration timeout, boolean streamed) {
}
