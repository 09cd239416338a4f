package org.corridor.cases.subscription.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

public record SubscriptionRequest(
        @Schema(required = true, description = "Where messages are POSTed: an https URL whose host resolves only to "
                + "public addresses.", example = "https://partner.example/corridor/webhooks") String url,
        @Schema(required = true, description = "The message types to receive, one or more of: `alert.raised`.",
                example = "[\"alert.raised\"]") List<String> events) {
}
