package io.tusk.server.database;

import io.tusk.archive.Compression;
import io.tusk.connect.ConnectionFactory;
import io.tusk.server.DataDirectory;
import io.tusk.server.api.ApiException;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.storage.StorageRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registered databases: validated and connected to before they are saved. */
@Service
public class DatabaseService {
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private final DatabaseRepository repository;
    private final DatabaseConnections connections;
    private final StorageRepository storages;
    private final DataDirectory dataDirectory;
    private final SecureRandom random = new SecureRandom();

    DatabaseService(DatabaseRepository repository, DatabaseConnections connections, StorageRepository storages,
                    DataDirectory dataDirectory) {
        this.repository = repository;
        this.connections = connections;
        this.storages = storages;
        this.dataDirectory = dataDirectory;
    }

    public DatabaseRepository repository() {
        return repository;
    }

    @Transactional
    public RegisteredDatabase create(DatabaseRequest request, long workspaceId) {
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        RegisteredDatabase d = checked(0, request, password, workspaceId);
        long id = repository.insert(d);
        if (password != null) {
            repository.storePassword(id, password);
        }
        if (d.encrypted()) {
            repository.storeBackupKey(id, newKey());
        }
        return repository.get(id);
    }

    @Transactional
    public RegisteredDatabase update(long id, DatabaseRequest request) {
        RegisteredDatabase before = repository.get(id);
        String password = request.password() == null ? repository.password(id)
                : request.password().isEmpty() ? null : request.password();
        RegisteredDatabase d = checked(id, request, password, before.workspaceId());
        repository.update(d);
        if (request.password() != null) {
            repository.storePassword(id, password);
        }
        // a key, once made, stays: older backups need it; switching encryption off only stops using it
        if (d.encrypted() && repository.backupKey(id) == null) {
            repository.storeBackupKey(id, newKey());
        }
        return repository.get(before.id());
    }

    /** A connection factory for a saved database; for a whole server, to its "postgres" database. */
    public ConnectionFactory connect(RegisteredDatabase d) {
        String database = d.wholeServer() ? "postgres" : d.database();
        return connections.factory(d.host(), d.port(), database, d.user(), repository.password(d.id()), d.sslmode(), d.sslrootcert());
    }

    /** The databases of a server that a backup of the whole server takes: those that accept connections, templates aside. */
    public static java.util.List<String> databasesOn(ConnectionFactory server) {
        try (java.sql.Connection c = server.open(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY, "connection",
                    "could not list the databases of " + server.spec().server() + ": " + e.getMessage());
        }
    }

    /** Connects to a saved database again; records the server version it answers with. */
    @Transactional
    public RegisteredDatabase test(long id) {
        RegisteredDatabase d = repository.get(id);
        DatabaseProbe.Result probe = DatabaseProbe.probe(connect(d), d.selection());
        RegisteredDatabase updated = new RegisteredDatabase(d.id(), d.name(), d.host(), d.port(), d.database(), d.user(),
                d.passwordSet(), d.sslmode(), d.sslrootcert(), probe.serverVersion(), d.storageId(), d.compression(),
                d.encrypted(), d.selection(), d.retention(), d.createdAt(), d.workspaceId());
        repository.update(updated);
        return repository.get(id);
    }

    private RegisteredDatabase checked(long id, DatabaseRequest r, String password, long workspaceId) {
        require("name", r.name());
        require("host", r.host());
        require("database", r.database());
        require("user", r.user());
        int port = r.port() == null ? 5432 : r.port();
        if (port < 1 || port > 65535) {
            throw ApiException.badRequest("port", "port must be between 1 and 65535 but is " + port);
        }
        String sslmode = r.sslmode() == null ? "prefer" : r.sslmode();
        if (!SSL_MODES.contains(sslmode)) {
            throw ApiException.badRequest("sslmode", "sslmode must be one of " + String.join(", ", SSL_MODES) + " but is \"" + sslmode + "\"");
        }
        String rootCert = rootCertificate(r.sslrootcert());
        if (r.storageId() != null) {
            // a storage of another workspace is as good as absent: its id must not be usable, nor confirmable
            storages.find(r.storageId()).filter(s -> s.workspaceId() == workspaceId)
                    .orElseThrow(() -> ApiException.badRequest("storageId", "no storage with id " + r.storageId()
                            + " in this database's workspace: create it there first"));
        }
        String compression = r.compression() == null ? "zstd" : r.compression();
        try {
            Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("compression", e.getMessage());
        }
        Selection selection = r.selection() == null ? Selection.ALL : r.selection();
        RetentionPolicy retention = r.retention() == null ? RetentionPolicy.KEEP_ALL : r.retention().validated();
        ConnectionFactory factory = connections.factory(r.host(), port, r.database(), r.user(), password, sslmode, rootCert);
        DatabaseProbe.Result probe;
        if (RegisteredDatabase.ALL_DATABASES.equals(r.database())) {
            ConnectionFactory maintenance = factory.forDatabase("postgres");
            probe = null;
            for (String name : databasesOn(maintenance)) {
                probe = DatabaseProbe.probe(maintenance.forDatabase(name), selection);
            }
            if (probe == null) {
                probe = DatabaseProbe.probe(maintenance, selection);
            }
        } else {
            probe = DatabaseProbe.probe(factory, selection);
        }
        return new RegisteredDatabase(id, r.name(), r.host(), port, r.database(), r.user(), password != null, sslmode,
                rootCert, probe.serverVersion(), r.storageId(), compression, Boolean.TRUE.equals(r.encrypted()),
                selection, retention, null, workspaceId);
    }

    /**
     * A root certificate must sit in the data directory's {@code certs/}: a connection setting must not become a
     * way to make the server read any file it can reach.
     */
    private String rootCertificate(String given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        Path certs = dataDirectory.root().resolve("certs");
        Path path = certs.resolve(given).normalize();
        if (!path.startsWith(certs)) {
            throw ApiException.badRequest("sslrootcert", "sslrootcert must name a file in " + certs + " but is \"" + given + "\"");
        }
        return path.toString();
    }

    private byte[] newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "\"" + field + "\" is required");
        }
        if (value.length() > 200) {
            throw ApiException.badRequest(field, "\"" + field + "\" is longer than 200 characters");
        }
    }
}
