package org.corridor.cases.subscription.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.corridor.cases.subscription.service.SubscriptionService;
import org.corridor.platform.http.Page;
import org.corridor.platform.http.PublicLinks;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The caller's organisation's webhooks; a subscription of any other organisation does not exist here (404). */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
@Tag(name = "Subscriptions", description = SubscriptionResource.SUBSCRIPTIONS)
public class SubscriptionResource {

    static final String SUBSCRIPTIONS = """
            A coordinator subscribes an endpoint of the organisation's to alerts (`alert.raised`): each is POSTed there \
            as it is raised, following the Standard Webhooks specification (standardwebhooks.com). A message carries \
            codes only (alert, case, country, risk before and after, reason), never personal data, and the headers \
            `webhook-id` (the message's id, the same on every attempt), `webhook-timestamp` (Unix seconds) and \
            `webhook-signature`: `v1,` and the base64 HMAC-SHA256, keyed with the secret's bytes (after `whsec_`, \
            base64-decoded), of `{webhook-id}.{webhook-timestamp}.{body}`. Verify it, and refuse a timestamp more \
            than a few minutes away from your clock.

            **Delivery** is at least once: drop a repeated `webhook-id`. Any 2xx answer within 5 seconds counts as \
            delivered; anything else (redirects are not followed) is retried with exponential backoff for 24 hours, \
            then given up. A subscription's messages go out in the order they happened, each only once the one \
            before it is delivered or given up, so an endpoint that was down receives everything afterwards, in \
            order. The deliveries' log shows every message and its attempts.

            **Addresses.** The URL must be https, and its host must resolve only to public addresses: loopback, \
            private, link-local, unique-local and multicast addresses are refused when subscribing and before every \
            attempt.""";
    static final String SUBSCRIPTION_ID = "The subscription's id (a UUID).";
    static final String NO_SUCH_SUBSCRIPTION = "Your organisation has no subscription with this id.";

    private final SubscriptionService subscriptions;
    private final PublicLinks links;

    public SubscriptionResource(SubscriptionService subscriptions, PublicLinks links) {
        this.links = links;
        this.subscriptions = subscriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "subscribe", summary = "Subscribe an endpoint to alerts; its signing secret is shown once",
            description = "Subscribes your organisation's endpoint to the message types given. The answer carries the "
                    + "signing secret, which is never shown again: store it to verify every message's signature.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "alerts", ref = "SubscriptionRequest")))
    @APIResponse(responseCode = "201", description = "The subscription, with its signing secret.",
            headers = @Header(name = "Location", description = "The subscription.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class),
                    examples = @ExampleObject(name = "created", ref = "CreatedSubscription")))
    public Response subscribe(@NotNull SubscriptionRequest request) {
        var subscribed = subscriptions.subscribe(request.url(), SubscriptionMapper.eventTypes(request.events()));
        return links.created("/api/v1/subscriptions/{id}", subscribed.subscription().id())
                .entity(SubscriptionMapper.view(subscribed.subscription(), subscribed.secret())).build();
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "The organisation's subscriptions, newest first",
            description = "Your organisation's subscriptions, active and ended, newest first, a page at a time; never their secrets.")
    public Page<SubscriptionView> list(@QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
                                       @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        var page = subscriptions.list(cursor, Page.limit(limit));
        return new Page<>(page.items().stream().map(subscription -> SubscriptionMapper.view(subscription, null)).toList(),
                page.next());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubscription", summary = "One subscription, without its secret")
    @APIResponse(responseCode = "200", description = "The subscription.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class),
                    examples = @ExampleObject(name = "active", ref = "Subscription")))
    @APIResponse(responseCode = "404", description = NO_SUCH_SUBSCRIPTION)
    public SubscriptionView read(
            @PathParam("id") @Parameter(description = SUBSCRIPTION_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return SubscriptionMapper.view(subscriptions.read(SubscriptionMapper.subscriptionId(id)), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "endSubscription", summary = "End a subscription",
            description = "Ends the subscription: nothing more is sent to it, and what still waited is cancelled. "
                    + "It stays readable, with its deliveries. Ending it again changes nothing.")
    @APIResponse(responseCode = "204", description = "The subscription is ended.")
    @APIResponse(responseCode = "404", description = NO_SUCH_SUBSCRIPTION)
    public void end(
            @PathParam("id") @Parameter(description = SUBSCRIPTION_ID, schema = @Schema(implementation = UUID.class)) String id) {
        subscriptions.end(SubscriptionMapper.subscriptionId(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listSubscriptionDeliveries", summary = "A subscription's deliveries and their attempts, newest first",
            description = "Every message queued for the subscription, newest first, a page at a time: whether it was "
                    + "delivered, how many attempts it took, what the receiver last answered and when it is tried next.")
    @APIResponse(responseCode = "200", description = "A page of the subscription's deliveries.")
    @APIResponse(responseCode = "404", description = NO_SUCH_SUBSCRIPTION)
    public Page<DeliveryView> deliveries(
            @PathParam("id") @Parameter(description = SUBSCRIPTION_ID, schema = @Schema(implementation = UUID.class)) String id,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        var page = subscriptions.deliveries(SubscriptionMapper.subscriptionId(id), cursor, Page.limit(limit));
        return new Page<>(page.items().stream().map(SubscriptionMapper::view).toList(), page.next());
    }
}
