package org.corridor.cases.work;

import org.jboss.logging.Logger;

/**
 * What a background loop logs about its failures: a warning when it starts failing and a line when it works again,
 * not one per failed run. Only the exception's type is logged: a message could name a case.
 */
public final class FailureLog {

    private final Logger log;
    private final String work;
    private volatile boolean failing;

    /** {@code work} names what the loop does, as in "sending webhook deliveries". */
    public FailureLog(Logger log, String work) {
        this.log = log;
        this.work = work;
    }

    public void worked() {
        if (failing) {
            failing = false;
            log.infof("%s works again", work);
        }
    }

    public void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            log.warnf("%s failed (%s); retrying at the next run", work, e.getClass().getSimpleName());
        }
    }
}
