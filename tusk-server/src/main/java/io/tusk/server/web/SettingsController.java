package io.tusk.server.web;

import io.tusk.server.DataDirectory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The server's settings as it runs with them. They are set on the command line of {@code tusk serve} (and the
 * master key in the environment), so the page shows them and says where to change them.
 */
@Controller
class SettingsController {
    private final Environment environment;
    private final DataDirectory dataDirectory;

    SettingsController(Environment environment, DataDirectory dataDirectory) {
        this.environment = environment;
        this.dataDirectory = dataDirectory;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        String url = environment.getProperty("spring.datasource.url", "");
        model.addAttribute("dataDir", dataDirectory.root().toString());
        model.addAttribute("metadata", url.startsWith("jdbc:h2:") ? "embedded H2 in the data directory" : url);
        model.addAttribute("port", environment.getProperty("local.server.port", environment.getProperty("server.port", "")));
        model.addAttribute("maxRuns", environment.getProperty("tusk.max-concurrent-runs", ""));
        model.addAttribute("demo", environment.getProperty("tusk.demo", "false"));
        model.addAttribute("page", "settings");
        return "settings";
    }
}
