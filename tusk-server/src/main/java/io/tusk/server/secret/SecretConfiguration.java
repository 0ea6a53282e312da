package io.tusk.server.secret;

import io.tusk.server.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecretConfiguration.class);

    @Bean
    SecretBox secretBox(DataDirectory dataDirectory) {
        MasterKey key = MasterKey.load(System.getenv(MasterKey.ENVIRONMENT_VARIABLE), dataDirectory.root().resolve("master.key"));
        LOG.info("secrets are encrypted under the master key from {}", key.source());
        return new SecretBox(key);
    }
}
