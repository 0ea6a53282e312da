package io.tusk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code ./tusk} launcher runs the packaged jar with the quick compiler only for one-shot commands
 * and with both compilers for the server; {@code TUSK_JAVA_OPTS} comes last and wins. Runs after packaging
 * (failsafe): the launcher only builds when the sources are newer than the jar.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "tusk");

    private static String run(String javaOptions, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TUSK_JAVA_OPTS", "-XX:+PrintFlagsFinal " + javaOptions);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void oneShotCommandsRunWithTheQuickCompilerOnly() throws Exception {
        String output = run("", "--version");
        assertThat(output).contains("tusk 0.1.0").containsPattern("TieredStopAtLevel\\s+= 1 ");
    }

    @Test
    void theServerKeepsBothCompilers() throws Exception {
        String output = run("", "serve", "--help");
        assertThat(output).contains("Usage: tusk serve").containsPattern("TieredStopAtLevel\\s+= 4 ");
    }

    @Test
    void javaOptionsFromTheEnvironmentComeLastAndWin() throws Exception {
        String output = run("-XX:TieredStopAtLevel=4", "dump", "--help");
        assertThat(output).contains("Usage: tusk dump").containsPattern("TieredStopAtLevel\\s+= 4 ");
    }
}
