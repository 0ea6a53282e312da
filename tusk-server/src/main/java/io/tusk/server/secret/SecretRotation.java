package io.tusk.server.secret;

import io.tusk.TuskException;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Master-key rotation: every stored secret (databases.password_secret, databases.key_secret, storages.secrets)
 * opened under the old key and sealed under the new one, in one transaction, so a failure leaves every secret
 * under the old key. A value that already opens under the new key is left as it is: a rotation that was
 * interrupted after its commit can be run again.
 */
@Component
public class SecretRotation {
    /** Each secret column, the table it is in and the context its values are sealed with. */
    private record Column(String table, String column, Function<Long, String> context) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("databases", "password_secret", id -> "databases.password:" + id),
            new Column("databases", "key_secret", id -> "databases.key:" + id),
            new Column("storages", "secrets", id -> "storages.secrets:" + id));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SecretRotation(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    record Row(long id, String sealed) {
    }

    /** Returns how many values were re-encrypted. */
    public int rotate(MasterKey oldKey, MasterKey newKey) {
        SecretBox from = new SecretBox(oldKey);
        SecretBox to = new SecretBox(newKey);
        Integer count = transaction.execute(status -> {
            int rotated = 0;
            for (Column c : COLUMNS) {
                // FOR UPDATE: a secret being saved right now is re-read once its writer has committed
                List<Row> rows = jdbc.sql("SELECT id, " + c.column() + " FROM " + c.table() + " WHERE " + c.column()
                        + " IS NOT NULL ORDER BY id FOR UPDATE").query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
                for (Row row : rows) {
                    String context = c.context().apply(row.id());
                    String resealed = reseal(from, to, row.sealed(), context);
                    if (resealed != null) {
                        jdbc.sql("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE id = ?").params(resealed, row.id()).update();
                        rotated++;
                    }
                }
            }
            return rotated;
        });
        return count == null ? 0 : count;
    }

    /** The value sealed under the new key, or null when it already is. */
    private static String reseal(SecretBox from, SecretBox to, String sealed, String context) {
        byte[] plaintext;
        try {
            plaintext = from.openBytes(sealed, context);
        } catch (TuskException underOld) {
            try {
                to.openBytes(sealed, context);
                return null;
            } catch (TuskException underNew) {
                throw new TuskException("the stored secret " + context + " opens under neither the old nor the new master"
                        + " key: check the old key given; nothing was changed");
            }
        }
        return to.sealBytes(plaintext, context);
    }
}
