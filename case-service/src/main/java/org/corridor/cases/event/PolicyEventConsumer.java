package org.corridor.cases.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.repository.KnownPolicy;
import org.corridor.cases.repository.KnownPolicyRepository;
import org.corridor.cases.service.RiskAlerts;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.EventData;
import org.corridor.platform.events.EventHandler;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Keeps case-service's copy of country policies from {@code corridor.policy-events} and re-scores the cases they concern. */
@ApplicationScoped
public class PolicyEventConsumer implements EventHandler {

    private final KnownPolicyRepository knownPolicies;
    private final RiskAlerts riskAlerts;
    private final ObjectMapper objectMapper;

    public PolicyEventConsumer(KnownPolicyRepository knownPolicies, RiskAlerts riskAlerts, ObjectMapper objectMapper) {
        this.knownPolicies = knownPolicies;
        this.riskAlerts = riskAlerts;
        this.objectMapper = objectMapper;
    }

    @Override
    public String topic() {
        return CorridorTopics.POLICY_EVENTS;
    }

    @Override
    public void handle(CloudEvent event) {
        if (!CorridorTopics.POLICY_PUBLISHED.equals(event.getType()) || event.getData() == null) {
            return;
        }
        JsonNode version = EventData.read(event, JsonNode.class, objectMapper);
        knownPolicies.remember(new KnownPolicy(
                UUID.fromString(version.path("id").asText()),
                version.path("country").asText(),
                LocalDate.parse(version.path("validFrom").asText()),
                version.path("validTo").isNull() ? null : LocalDate.parse(version.path("validTo").asText()),
                Instant.parse(version.path("recordedAt").asText()),
                version.path("riskLevel").asText(),
                version.toString()));
        riskAlerts.policyChanged(version.path("country").asText(), version.path("summary").asText());
    }
}
