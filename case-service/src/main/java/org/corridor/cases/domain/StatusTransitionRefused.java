package org.corridor.cases.domain;

/** A change the case's current status does not allow; the message says why, without any case data. */
public class StatusTransitionRefused extends RuntimeException {

    public StatusTransitionRefused(String reason) {
        super(reason, null, false, false);
    }
}
