package org.corridor.cases.subscription.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** An organisation's endpoint that messages are pushed to, signed with a secret only the organisation was shown. */
@Entity
@Table(name = "webhook_subscription")
public class Subscription {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> events;

    @Column(name = "secret_key_id", nullable = false)
    private String secretKeyId;

    @Column(nullable = false)
    private byte[] secret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected Subscription() {
    }

    /** A subscription whose secret was sealed with {@code secretKeyId} in its place ({@code id}). */
    public Subscription(UUID id, String organisation, URI url, Collection<WebhookEventType> events, String secretKeyId,
                        byte[] sealedSecret, Instant now) {
        this.id = id;
        this.organisation = organisation;
        this.url = url.toString();
        this.events = events.stream().map(WebhookEventType::code).toList();
        this.secretKeyId = secretKeyId;
        this.secret = sealedSecret;
        this.createdAt = now;
    }

    /** Ends the subscription: nothing more is sent to it. Ending it again changes nothing. */
    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    public boolean isActive() {
        return endedAt == null;
    }

    public UUID id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public URI url() {
        return URI.create(url);
    }

    public List<WebhookEventType> events() {
        return events.stream().flatMap(code -> WebhookEventType.ofCode(code).stream()).toList();
    }

    public String secretKeyId() {
        return secretKeyId;
    }

    public byte[] sealedSecret() {
        return secret;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
