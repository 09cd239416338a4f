package org.corridor.gateway.keys;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@code api_key} table: key hashes and what they grant. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, organisation, roles, label, created_at, expires_at, revoked_at";

    private final DataSource dataSource;

    public ApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<ApiKeyHash, ApiKeyGrant> loadAll() throws SQLException {
        Map<ApiKeyHash, ApiKeyGrant> grants = new HashMap<>();
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT key_hash, " + COLUMNS + " FROM api_key");
             var rows = statement.executeQuery()) {
            while (rows.next()) {
                grants.put(ApiKeyHash.fromBytes(rows.getBytes("key_hash")), grant(rows));
            }
        }
        return grants;
    }

    /** Stores a key unless its id or hash is already there; says whether it was added. */
    public boolean add(ApiKeyHash hash, ApiKeyGrant grant) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return add(connection, hash, grant);
        }
    }

    /** Stores several keys in one transaction; says how many were new. */
    public int addAll(Map<ApiKeyHash, ApiKeyGrant> keys) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int added = 0;
            for (var key : keys.entrySet()) {
                added += add(connection, key.getKey(), key.getValue()) ? 1 : 0;
            }
            connection.commit();
            return added;
        }
    }

    public List<ApiKeyGrant> list(Optional<String> organisation) throws SQLException {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_key"
                     + " WHERE ?::text IS NULL OR organisation = ? ORDER BY organisation, created_at, id")) {
            statement.setString(1, organisation.orElse(null));
            statement.setString(2, organisation.orElse(null));
            try (var rows = statement.executeQuery()) {
                List<ApiKeyGrant> grants = new ArrayList<>();
                while (rows.next()) {
                    grants.add(grant(rows));
                }
                return grants;
            }
        }
    }

    public Optional<ApiKeyGrant> find(UUID id) throws SQLException {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
            statement.setObject(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(grant(rows)) : Optional.empty();
            }
        }
    }

    /** Revokes a key at {@code now}, or keeps its first revocation time; says whether the key exists. */
    public boolean revoke(UUID id, Instant now) throws SQLException {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "UPDATE api_key SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
            statement.setObject(1, timestamp(now));
            statement.setObject(2, id);
            return statement.executeUpdate() == 1;
        }
    }

    private static boolean add(Connection connection, ApiKeyHash hash, ApiKeyGrant grant) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO api_key (key_hash, " + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setBytes(1, hash.bytes());
            insert.setObject(2, grant.id());
            insert.setString(3, grant.organisation());
            insert.setArray(4, connection.createArrayOf("text", grant.roles().stream().sorted().toArray()));
            insert.setString(5, grant.label());
            insert.setObject(6, timestamp(grant.createdAt()));
            insert.setObject(7, timestamp(grant.expiresAt()));
            insert.setObject(8, timestamp(grant.revokedAt()));
            return insert.executeUpdate() == 1;
        }
    }

    private static ApiKeyGrant grant(ResultSet rows) throws SQLException {
        return new ApiKeyGrant(
                rows.getObject("id", UUID.class),
                rows.getString("organisation"),
                Set.of((String[]) rows.getArray("roles").getArray()),
                rows.getString("label"),
                instant(rows.getObject("created_at", OffsetDateTime.class)),
                instant(rows.getObject("expires_at", OffsetDateTime.class)),
                instant(rows.getObject("revoked_at", OffsetDateTime.class)));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
