package org.corridor.cases.subscription.domain;

/** Why an attempt got no answer; an attempt that got an answer other than 2xx records its status code instead. */
public enum DeliveryError {
    /** The receiver did not answer within the timeout. */
    TIMEOUT,
    /** No connection: the receiver is down, refused it, or TLS failed. */
    CONNECTION_FAILED,
    /** The host's name does not resolve. */
    UNRESOLVED_HOST,
    /** The host now resolves to an address that is not public (say, its DNS was changed after it was subscribed). */
    REFUSED_ADDRESS
}
