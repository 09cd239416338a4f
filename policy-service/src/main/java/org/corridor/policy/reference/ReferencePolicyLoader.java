package org.corridor.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.policy.rest.PolicyFields;
import org.corridor.policy.rest.PolicyMapper;
import org.corridor.policy.service.PolicyService;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Loads the reference policies built from the seed articles ({@code reference/policies.json}) at start. Each entry
 * is keyed by its country, start and content, so loading again adds nothing, and a corrected entry in a later
 * release is recorded as a new version that supersedes the old one while history keeps both.
 */
@ApplicationScoped
public class ReferencePolicyLoader {

    private static final Logger LOG = Logger.getLogger(ReferencePolicyLoader.class);
    private static final String RESOURCE = "reference/policies.json";

    private final PolicyService policies;
    private final ObjectMapper objectMapper;

    public ReferencePolicyLoader(PolicyService policies, ObjectMapper objectMapper) {
        this.policies = policies;
        this.objectMapper = objectMapper;
    }

    void load(@Observes StartupEvent startup) throws IOException {
        int added = 0;
        int total = 0;
        for (JsonNode entry : readEntries()) {
            total++;
            ObjectNode fields = ((ObjectNode) entry).deepCopy();
            String country = fields.remove("country").asText();
            PolicyFields policy = objectMapper.treeToValue(fields, PolicyFields.class);
            String key = "reference:" + country + ":" + policy.validFrom() + ":" + digest(entry);
            if (policies.recordReference(key, country, PolicyMapper.period(policy), PolicyMapper.content(policy))) {
                added++;
            }
        }
        LOG.infof("reference policies: %d of %d versions newly recorded", added, total);
    }

    private JsonNode readEntries() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return objectMapper.readTree(in);
        }
    }

    private String digest(JsonNode entry) throws IOException {
        try {
            byte[] canonical = objectMapper.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
