package org.corridor.gateway.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Provisions API keys from a file of hashes (never keys), such as the demo keys the local runtime generates.
 * Importing the same file again changes nothing.
 */
@ApplicationScoped
public class ApiKeyImport {

    private static final Logger LOG = Logger.getLogger(ApiKeyImport.class);

    private final DataSource dataSource;
    private final GatewayConfig config;
    private final ObjectMapper objectMapper;

    public ApiKeyImport(DataSource dataSource, GatewayConfig config, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
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
        int added = 0;
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement("""
                     INSERT INTO api_key (id, key_hash, organisation, roles, label)
                     VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (ImportedKey key : keys) {
                insert.setObject(1, key.id());
                insert.setBytes(2, new ApiKeyHash(key.sha256()).bytes());
                insert.setString(3, key.org());
                insert.setArray(4, connection.createArrayOf("text", key.roles().toArray()));
                insert.setString(5, key.label());
                added += insert.executeUpdate();
            }
        }
        LOG.infof("API key import: %d of %d keys added", added, keys.size());
        return added;
    }

    record ImportedKey(UUID id, String org, List<String> roles, String label, String sha256) {
    }
}
