package io.tusk.server.secret;

import io.tusk.server.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecretConfiguration.class);

    @Bean
    SecretBox secretBox(DataDirectory dataDirectory, @Value("${tusk.master-key:}") String configured) {
        // servers sharing a metadata database must share the key: give it in TUSK_MASTER_KEY to each
        String given = configured.isEmpty() ? System.getenv(MasterKey.ENVIRONMENT_VARIABLE) : configured;
        MasterKey key = MasterKey.load(given, dataDirectory.root().resolve("master.key"));
        LOG.info("secrets are encrypted under the master key from {}", key.source());
        if (java.nio.file.Files.exists(dataDirectory.root().resolve("master.key.next"))) {
            // MasterKeyRotationController writes it first and renames it over master.key last
            LOG.warn("a master-key rotation was interrupted ({} exists): if stored secrets now fail to decrypt, it had"
                    + " committed, so stop the server and move master.key.next over master.key; otherwise delete"
                    + " master.key.next", dataDirectory.root().resolve("master.key.next"));
        }
        return new SecretBox(key);
    }
}
