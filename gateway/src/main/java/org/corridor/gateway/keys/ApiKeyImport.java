package org.corridor.gateway.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Provisions API keys from a file of hashes (never keys), such as the demo keys the local runtime generates.
 * Importing the same file again changes nothing.
 */
@ApplicationScoped
public class ApiKeyImport {

    private static final Logger LOG = Logger.getLogger(ApiKeyImport.class);

    private final ApiKeyStore store;
    private final GatewayConfig config;
    private final ObjectMapper objectMapper;
    private final Clock clock = Clock.systemUTC();

    public ApiKeyImport(ApiKeyStore store, GatewayConfig config, ObjectMapper objectMapper) {
        this.store = store;
        this.config = config;
        this.objectMapper = objectMapper;
    }

    void importConfiguredKeys() throws IOException, SQLException {
        if (config.apiKeyImport().isPresent() && Files.exists(config.apiKeyImport().get())) {
            importFrom(config.apiKeyImport().get());
        }
    }

    public int importFrom(Path file) throws IOException, SQLException {
        List<ImportedKey> keys = objectMapper.readValue(file.toFile(), new TypeReference<>() { });
        Instant now = clock.instant();
        Map<ApiKeyHash, ApiKeyGrant> grants = new LinkedHashMap<>();
        for (ImportedKey key : keys) {
            grants.put(new ApiKeyHash(key.sha256()),
                    new ApiKeyGrant(key.id(), key.org(), Set.copyOf(key.roles()), key.label(), now, null, null));
        }
        int added = store.addAll(grants);
        LOG.infof("API key import: %d of %d keys added", added, keys.size());
        return added;
    }

    record ImportedKey(UUID id, String org, List<String> roles, String label, String sha256) {
    }
}
