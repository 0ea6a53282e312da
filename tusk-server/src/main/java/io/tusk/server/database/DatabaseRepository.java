package io.tusk.server.database;

import io.tusk.server.api.ApiException;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.secret.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class DatabaseRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    DatabaseRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public List<RegisteredDatabase> list() {
        return jdbc.sql("SELECT * FROM databases ORDER BY name").query((rs, n) -> database(rs)).list();
    }

    public Optional<RegisteredDatabase> find(long id) {
        return jdbc.sql("SELECT * FROM databases WHERE id = ?").param(id).query((rs, n) -> database(rs)).optional();
    }

    public RegisteredDatabase get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("database", id));
    }

    public String password(long id) {
        String sealed = jdbc.sql("SELECT password_secret FROM databases WHERE id = ?").param(id).query(String.class).optional().orElse(null);
        return secrets.open(sealed, "databases.password:" + id);
    }

    /** The server-managed backup key of the database, or null when its backups are not encrypted. */
    public byte[] backupKey(long id) {
        String sealed = jdbc.sql("SELECT key_secret FROM databases WHERE id = ?").param(id).query(String.class).optional().orElse(null);
        return sealed == null ? null : secrets.openBytes(sealed, "databases.key:" + id);
    }

    long insert(RegisteredDatabase d) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO databases (name, host, port, dbname, username, sslmode, sslrootcert, server_version, storage_id,
                                       compression, encrypted, selection, retention, created_at, workspace_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.name(), d.host(), d.port(), d.database(), d.user(), d.sslmode(), d.sslrootcert(), d.serverVersion(),
                        d.storageId(), d.compression(), d.encrypted(), JSON.writeValueAsString(d.selection()),
                        JSON.writeValueAsString(d.retention()), Timestamp.from(Instant.now()), d.workspaceId())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(RegisteredDatabase d) {
        jdbc.sql("""
                UPDATE databases SET name = ?, host = ?, port = ?, dbname = ?, username = ?, sslmode = ?, sslrootcert = ?,
                       server_version = ?, storage_id = ?, compression = ?, encrypted = ?, selection = ?, retention = ?
                WHERE id = ?""")
                .params(d.name(), d.host(), d.port(), d.database(), d.user(), d.sslmode(), d.sslrootcert(), d.serverVersion(),
                        d.storageId(), d.compression(), d.encrypted(), JSON.writeValueAsString(d.selection()),
                        JSON.writeValueAsString(d.retention()), d.id())
                .update();
    }

    void storePassword(long id, String password) {
        jdbc.sql("UPDATE databases SET password_secret = ? WHERE id = ?").params(secrets.seal(password, "databases.password:" + id), id).update();
    }

    void storeBackupKey(long id, byte[] key) {
        jdbc.sql("UPDATE databases SET key_secret = ? WHERE id = ?")
                .params(key == null ? null : secrets.sealBytes(key, "databases.key:" + id), id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM databases WHERE id = ?").param(id).update();
    }

    private static RegisteredDatabase database(ResultSet rs) throws SQLException {
        long storage = rs.getLong("storage_id");
        Long storageId = rs.wasNull() ? null : storage;
        return new RegisteredDatabase(rs.getLong("id"), rs.getString("name"), rs.getString("host"), rs.getInt("port"),
                rs.getString("dbname"), rs.getString("username"), rs.getString("password_secret") != null,
                rs.getString("sslmode"), rs.getString("sslrootcert"), rs.getString("server_version"),
                storageId, rs.getString("compression"), rs.getBoolean("encrypted"),
                JSON.readValue(rs.getString("selection"), Selection.class),
                JSON.readValue(rs.getString("retention"), RetentionPolicy.class), rs.getTimestamp("created_at").toInstant(),
                rs.getLong("workspace_id"));
    }
}
