package io.tusk.server;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the server: locks the data directory, then the Spring application on top of it. */
public final class TuskServer {
    private TuskServer() {
    }

    public static ConfigurableApplicationContext start(ServerOptions options, String... args) {
        DataDirectory dataDir = DataDirectory.open(options.dataDir());
        try {
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", options.port());
            properties.put("tusk.max-concurrent-runs", options.maxConcurrentRuns());
            properties.put("tusk.demo", options.demo());
            if (options.metadataUrl() == null) {
                properties.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.root().resolve("metadata")
                        + ";DB_CLOSE_ON_EXIT=FALSE");
                properties.put("spring.datasource.username", "tusk");
                properties.put("spring.datasource.password", "");
            } else {
                properties.put("spring.datasource.url", options.metadataUrl());
                if (options.metadataUser() != null) {
                    properties.put("spring.datasource.username", options.metadataUser());
                }
                if (options.metadataPassword() != null) {
                    properties.put("spring.datasource.password", options.metadataPassword());
                }
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(TuskServerApplication.class)
                    .properties(properties)
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("dataDirectory", dataDir))
                    .run(args);
            context.addApplicationListener(event -> {
                if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                    dataDir.close();
                }
            });
            return context;
        } catch (RuntimeException e) {
            dataDir.close();
            throw e;
        }
    }
}
