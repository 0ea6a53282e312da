package io.tusk.server.secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code --tusk.rotate-master-key-from=OLD}: the server was started with a new master key (TUSK_MASTER_KEY or
 * master.key) and re-encrypts every stored secret from the old one before it takes requests. Running it again is
 * harmless: values already under the new key are left alone.
 */
@Component
class StartupRotation implements SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRotation.class);
    private final SecretBox box;
    private final SecretRotation rotation;
    private final String oldKey;

    StartupRotation(SecretBox box, SecretRotation rotation, @Value("${tusk.rotate-master-key-from:}") String oldKey) {
        this.box = box;
        this.rotation = rotation;
        this.oldKey = oldKey;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (oldKey.isBlank()) {
            return;
        }
        int rotated = rotation.rotate(MasterKey.of(oldKey, "--tusk.rotate-master-key-from"), box.masterKey());
        LOG.info("master key rotation: {} stored secrets re-encrypted under the key from {}; remove"
                + " --tusk.rotate-master-key-from and forget the old key", rotated, box.masterKey().source());
    }
}
