package org.corridor.gateway.routing;

import java.time.Duration;

/** A resource under {@code /api/v1/} (its name, e.g. {@code cases}), the service that owns it, and how long it may take. */
public record Route(String name, String service, Duration timeout) {
}
