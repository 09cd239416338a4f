package org.corridor.cases.support;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rewrites a case's audit trail as whoever can write the database can: an entry's content changed, and every hash
 * from there recomputed as the chain was before it had a key (a SHA-256 over the previous hash and the entry).
 */
public final class PlainAuditChain {

    private PlainAuditChain() {
    }

    /**
     * Gives the case's entry at {@code from} (0 is the first) the actor {@code actor} (null: keeps it) and chains it and
     * every later entry again with plain hashes; {@code dropKeyIds} also clears their key ids, as entries of before.
     */
    public static void rewrite(DataSource dataSource, String caseId, int from, String actor, boolean dropKeyIds) throws Exception {
        try (var connection = dataSource.getConnection()) {
            record Row(long id, String actor, String organisation, String action, String requestId, OffsetDateTime at, String hash) {
            }
            List<Row> rows = new ArrayList<>();
            try (var select = connection.prepareStatement("""
                    SELECT id, actor, organisation, action, request_id, at, hash FROM audit_entry WHERE case_id = ?::uuid ORDER BY id""")) {
                select.setString(1, caseId);
                try (var row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                                row.getObject(6, OffsetDateTime.class), row.getString(7)));
                    }
                }
            }
            String previous = from == 0 ? "0".repeat(64) : rows.get(from - 1).hash();
            for (int i = from; i < rows.size(); i++) {
                Row row = rows.get(i);
                String newActor = i == from && actor != null ? actor : row.actor();
                String content = String.join("\n", previous, caseId, newActor, row.organisation(), row.action(),
                        row.requestId() == null ? "" : row.requestId(), row.at().toInstant().toString());
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
                try (var update = connection.prepareStatement(dropKeyIds
                        ? "UPDATE audit_entry SET actor = ?, previous_hash = ?, hash = ?, key_id = NULL WHERE id = ?"
                        : "UPDATE audit_entry SET actor = ?, previous_hash = ?, hash = ? WHERE id = ?")) {
                    update.setString(1, newActor);
                    update.setString(2, previous);
                    update.setString(3, hash);
                    update.setLong(4, row.id());
                    update.executeUpdate();
                }
                previous = hash;
            }
        }
    }
}
