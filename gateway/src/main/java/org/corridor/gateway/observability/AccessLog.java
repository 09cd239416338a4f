package org.corridor.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One line per request: method, route, status, latency, request id, the caller's own id for it ({@code -} if none) and
 * trace id. Never a header, a body, a key or the full
 * path, which could carry identifiers and query values.
 */
@ApplicationScoped
public class AccessLog {

    public static final String CATEGORY = "org.corridor.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    public void log(String method, String route, int status, long nanos, String requestId, String clientReference,
                    String traceId) {
        LOG.info(method + ' ' + route + ' ' + status + ' ' + nanos / 1_000 + "us request " + requestId
                + " client " + (clientReference == null ? "-" : clientReference) + " trace " + traceId);
    }
}
