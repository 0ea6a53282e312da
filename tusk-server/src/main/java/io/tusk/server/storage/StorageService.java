package io.tusk.server.storage;

import io.tusk.TuskException;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import io.tusk.server.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Storages: validated, probed before they are saved, opened for the runs. */
@Service
public class StorageService {
    private final StorageRepository repository;
    private final java.nio.file.Path sshFiles;

    StorageService(StorageRepository repository, io.tusk.server.DataDirectory dataDirectory) {
        this.repository = repository;
        this.sshFiles = dataDirectory.root().resolve("ssh");
    }

    public StorageRepository repository() {
        return repository;
    }

    @Transactional
    public StorageConfig create(StorageRequest request, long workspaceId) {
        StorageType type = checkName(request);
        type.validate(request.settingsOrEmpty(), request.secretsOrEmpty());
        checkFiles(request.settingsOrEmpty());
        probe(type, resolved(type.id(), request.settingsOrEmpty()), nonEmpty(request.secretsOrEmpty()));
        long id = repository.insert(request.name(), type.id(), request.settingsOrEmpty(), workspaceId);
        repository.storeSecrets(id, nonEmpty(request.secretsOrEmpty()));
        return repository.get(id);
    }

    @Transactional
    public StorageConfig update(long id, StorageRequest request) {
        repository.get(id);
        StorageType type = checkName(request);
        type.validate(request.settingsOrEmpty(), request.secretsOrEmpty());
        checkFiles(request.settingsOrEmpty());
        Map<String, String> merged = new HashMap<>(repository.secretsOf(id));
        merged.putAll(request.secretsOrEmpty());
        Map<String, String> secrets = nonEmpty(merged);
        probe(type, resolved(type.id(), request.settingsOrEmpty()), secrets);
        repository.update(id, request.name(), type.id(), request.settingsOrEmpty());
        repository.storeSecrets(id, secrets);
        return repository.get(id);
    }

    /** Opens a saved storage; the caller closes it. */
    public Storage open(long id) {
        StorageConfig config = repository.get(id);
        return StorageUrls.open(StorageType.of(config.type()).url(resolved(config.type(), config.settings()), repository.secretsOf(id)));
    }

    /** Tests a saved storage again. */
    public void test(long id) {
        StorageConfig config = repository.get(id);
        probe(StorageType.of(config.type()), resolved(config.type(), config.settings()), repository.secretsOf(id));
    }

    /**
     * Writes, reads back and deletes a small object, so that a storage that cannot take a backup is refused when
     * it is saved rather than at the first scheduled run.
     */
    private static void probe(StorageType type, Map<String, String> settings, Map<String, String> secrets) {
        byte[] content = ("tusk storage probe " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String key = "tusk-probe-" + UUID.randomUUID();
        Storage storage;
        try {
            storage = StorageUrls.open(type.url(settings, secrets));
        } catch (TuskException | IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "settings", "the storage cannot be opened: " + e.getMessage());
        }
        try (storage) {
            storage.put(key, content);
            byte[] read;
            try (InputStream in = storage.get(key)) {
                read = in.readAllBytes();
            }
            storage.delete(key);
            if (!Arrays.equals(read, content)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "settings", "the storage " + storage.location()
                        + " returned other bytes than were written to it: check that nothing rewrites its objects");
            }
        } catch (IOException | TuskException | java.io.UncheckedIOException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "settings", "the storage test (write, read, delete a probe object) failed: "
                    + e.getMessage() + ": check the location, the credentials and that they may write");
        } catch (RuntimeException e) {
            if (e instanceof ApiException) {
                throw e;
            }
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "settings", "the storage test failed: " + e.getMessage());
        }
    }

    /**
     * SFTP key and known-hosts files must sit in the data directory's {@code ssh/}: a storage setting must not be a
     * way to make the server read any file it can reach.
     */
    private void checkFiles(Map<String, String> settings) {
        for (String name : java.util.List.of("privateKey", "knownHosts", "truststore")) {
            String given = settings.get(name);
            if (given != null && !given.isEmpty() && !sshFiles.resolve(given).normalize().startsWith(sshFiles)) {
                throw ApiException.badRequest("settings." + name, name + " must name a file in " + sshFiles + " but is \"" + given + "\"");
            }
        }
    }

    /** SFTP files named relative to {@code ssh/}; known hosts default to {@code ssh/known_hosts}, not the account's. */
    private Map<String, String> resolved(String type, Map<String, String> settings) {
        Map<String, String> r = new HashMap<>(settings);
        if (type.equals(StorageType.FTPS.id()) && settings.containsKey("truststore")) {
            r.put("truststore", sshFiles.resolve(settings.get("truststore")).toString());
        }
        if (!type.equals(StorageType.SFTP.id())) {
            return r;
        }
        r.put("knownHosts", sshFiles.resolve(settings.getOrDefault("knownHosts", "known_hosts")).toString());
        if (settings.containsKey("privateKey")) {
            r.put("privateKey", sshFiles.resolve(settings.get("privateKey")).toString());
        }
        return r;
    }

    private static StorageType checkName(StorageRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name", "a storage needs a name of 1 to 200 characters");
        }
        if (request.type() == null) {
            throw ApiException.badRequest("type", "a storage needs a type: local, s3, sftp, ftp, ftps, azure, gdrive or dropbox");
        }
        return StorageType.of(request.type());
    }

    private static Map<String, String> nonEmpty(Map<String, String> values) {
        Map<String, String> kept = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
