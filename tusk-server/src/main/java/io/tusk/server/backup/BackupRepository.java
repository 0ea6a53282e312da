package io.tusk.server.backup;

import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.server.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class BackupRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, Long>> ROWS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;

    BackupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(BackupManifest m, long databaseId, long storageId, long runId, String manifestKey) {
        jdbc.sql("""
                INSERT INTO backups (backup_id, database_id, storage_id, run_id, object_key, manifest_key, started_at, finished_at,
                                     archive_bytes, stored_bytes, encrypted, sha256, server_version, tables, source_database)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.backupId(), databaseId, storageId, runId, m.object(), manifestKey,
                        Timestamp.from(Instant.parse(m.startedAt())), Timestamp.from(Instant.parse(m.finishedAt())),
                        m.archiveBytes(), m.storedBytes(), m.encrypted(), m.sha256(), m.serverVersion(),
                        JSON.writeValueAsString(m.tableRows()), m.database())
                .update();
    }

    public List<BackupRecord> list(Long databaseId) {
        return databaseId == null
                ? jdbc.sql("SELECT * FROM backups ORDER BY finished_at DESC").query((rs, n) -> record(rs)).list()
                : jdbc.sql("SELECT * FROM backups WHERE database_id = ? ORDER BY finished_at DESC").param(databaseId).query((rs, n) -> record(rs)).list();
    }

    public Optional<BackupRecord> find(String id) {
        return jdbc.sql("SELECT * FROM backups WHERE backup_id = ?").param(id).query((rs, n) -> record(rs)).optional();
    }

    public BackupRecord get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("backup", id));
    }

    public void verified(String id, Instant at, String error) {
        jdbc.sql("UPDATE backups SET verified_at = ?, verify_error = ? WHERE backup_id = ?").params(Timestamp.from(at), error, id).update();
    }

    public void delete(String id) {
        jdbc.sql("DELETE FROM backups WHERE backup_id = ?").param(id).update();
    }

    private static BackupRecord record(ResultSet rs) throws SQLException {
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        String tables = rs.getString("tables");
        Map<String, Long> rows = tables == null ? Map.of() : JSON.readValue(tables, ROWS);
        return new BackupRecord(rs.getString("backup_id"), rs.getLong("database_id"), rs.getLong("storage_id"), runId,
                rs.getString("object_key"), rs.getString("manifest_key"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at").toInstant(), rs.getLong("archive_bytes"), rs.getLong("stored_bytes"),
                rs.getBoolean("encrypted"), rs.getString("sha256"), rs.getString("server_version"), rows,
                rs.getTimestamp("verified_at") == null ? null : rs.getTimestamp("verified_at").toInstant(), rs.getString("verify_error"),
                rs.getString("source_database"));
    }
}
