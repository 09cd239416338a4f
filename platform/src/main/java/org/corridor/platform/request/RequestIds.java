package org.corridor.platform.request;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id of the current request: taken from {@code X-Request-Id} when well-formed, else a new one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Where the gateway gives a caller back the id it sent: kept beside Corridor's own, never in its place. */
    public static final String CLIENT_HEADER = "X-Client-Request-Id";
    public static final String CLIENT_MDC_KEY = "clientRequestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String offered) {
        return wellFormed(offered) ? offered : create();
    }

    public static String create() {
        return UUID.randomUUID().toString();
    }

    /** A caller's id for its request, if it is one that may be logged and echoed; else null. */
    public static String clientReference(String offered) {
        return wellFormed(offered) ? offered : null;
    }

    private static boolean wellFormed(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches();
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
