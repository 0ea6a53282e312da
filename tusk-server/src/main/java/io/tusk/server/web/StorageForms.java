package io.tusk.server.web;

import io.tusk.server.storage.StorageConfig;
import io.tusk.server.storage.StorageRequest;
import io.tusk.server.storage.StorageService;
import io.tusk.server.storage.StorageType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The new-storage form, shared by the wizard and the storages page: a name, a type, and per type its settings
 * ({@code local.path}) and secrets ({@code s3.secret.accessKey}); only the chosen type's fields are sent on.
 */
@Component
class StorageForms {
    private final StorageService storages;

    StorageForms(StorageService storages) {
        this.storages = storages;
    }

    List<StorageType> types() {
        return Arrays.asList(StorageType.values());
    }

    /** Creates the storage (which writes, reads back and deletes a probe object first). */
    StorageConfig create(Map<String, String> form, long workspaceId) {
        String typeId = Forms.text(form.get("storageType"));
        StorageType type = StorageType.of(typeId);
        Map<String, String> settings = new HashMap<>();
        for (String name : type.settings()) {
            String value = form.get(typeId + "." + name);
            if (value != null && !value.isBlank()) {
                settings.put(name, value.trim());
            }
        }
        Map<String, String> secrets = new HashMap<>();
        for (String name : type.secrets()) {
            String value = form.get(typeId + ".secret." + name);
            if (value != null && !value.isEmpty()) {
                secrets.put(name, value);
            }
        }
        return storages.create(new StorageRequest(Forms.text(form.get("storageName")).trim(), typeId, settings, secrets, workspaceId), workspaceId);
    }
}
