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
        return new SecretBox(key);
    }
}
