package io.tusk.server.storage;

import io.tusk.server.api.ApiException;
import io.tusk.server.secret.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class StorageRepository {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    StorageRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public List<StorageConfig> list() {
        return jdbc.sql("SELECT * FROM storages ORDER BY name").query((rs, n) -> config(rs)).list();
    }

    public Optional<StorageConfig> find(long id) {
        return jdbc.sql("SELECT * FROM storages WHERE id = ?").param(id).query((rs, n) -> config(rs)).optional();
    }

    public StorageConfig get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("storage", id));
    }

    /** The decrypted secrets, for opening the storage. */
    Map<String, String> secretsOf(long id) {
        String sealed = jdbc.sql("SELECT secrets FROM storages WHERE id = ?").param(id).query(String.class).optional().orElse(null);
        return secrets.openMap(sealed, "storages.secrets:" + id);
    }

    long insert(String name, String type, Map<String, String> settings, long workspaceId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO storages (name, type, settings, created_at, workspace_id) VALUES (?, ?, ?, ?, ?)")
                .params(name, type, JSON.writeValueAsString(new TreeMap<>(settings)), Timestamp.from(Instant.now()), workspaceId)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String name, String type, Map<String, String> settings) {
        jdbc.sql("UPDATE storages SET name = ?, type = ?, settings = ? WHERE id = ?")
                .params(name, type, JSON.writeValueAsString(new TreeMap<>(settings)), id).update();
    }

    /** The context binds the ciphertext to this row: copied into another row, it does not decrypt. */
    void storeSecrets(long id, Map<String, String> values) {
        String sealed = secrets.sealMap(values, "storages.secrets:" + id);
        jdbc.sql("UPDATE storages SET secrets = ? WHERE id = ?").params(sealed, id).update();
    }

    void delete(long id) {
        Integer used = jdbc.sql("SELECT COUNT(*) FROM databases WHERE storage_id = ?").param(id).query(Integer.class).single();
        Integer backups = jdbc.sql("SELECT COUNT(*) FROM backups WHERE storage_id = ?").param(id).query(Integer.class).single();
        if (used > 0 || backups > 0) {
            throw ApiException.conflict("the storage is used by " + used + " database(s) and holds " + backups
                    + " backup(s): point the databases elsewhere and delete its backups first");
        }
        jdbc.sql("DELETE FROM storages WHERE id = ?").param(id).update();
    }

    private StorageConfig config(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String sealed = rs.getString("secrets");
        java.util.Set<String> secretNames = new java.util.TreeSet<>(secrets.openMap(sealed, "storages.secrets:" + id).keySet());
        return new StorageConfig(id, rs.getString("name"), rs.getString("type"), JSON.readValue(rs.getString("settings"), MAP),
                secretNames, rs.getTimestamp("created_at").toInstant(), rs.getLong("workspace_id"));
    }
}
