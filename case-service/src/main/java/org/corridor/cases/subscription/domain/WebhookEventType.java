package org.corridor.cases.subscription.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a subscription can ask to be told about; the code is the message's {@code type}, as Standard Webhooks names it. */
public enum WebhookEventType {

    ALERT_RAISED("alert.raised");

    private final String code;

    WebhookEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<WebhookEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
