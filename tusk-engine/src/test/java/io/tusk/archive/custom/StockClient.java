package io.tusk.archive.custom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the stock pg_dump, pg_restore and psql of a major: the machine's 15, or 17/18 through shared/tools. */
final class StockClient {
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        Result assertSuccess(List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ": " + String.join(" ", command) + "\n" + stderr);
            }
            return this;
        }
    }

    private StockClient() {
    }

    static List<String> command(int major, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (major == 15) {
            command.add("/usr/lib/postgresql/15/bin/" + tool);
        } else {
            command.add(sharedDir().resolve("tools/stock-pg-client").toString());
            command.add(Integer.toString(major));
            command.add(tool);
        }
        command.addAll(List.of(args));
        return command;
    }

    static Result run(int major, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = command(major, tool, args);
        return run(command).assertSuccess(command);
    }

    static Result runAllowingFailure(int major, String tool, String... args) throws IOException, InterruptedException {
        return run(command(major, tool, args));
    }

    /** Starts the tool with its stdout to read as a pipe; stderr goes to the given file. */
    static Process start(Path stderrLog, int major, String tool, String... args) throws IOException {
        return new ProcessBuilder(command(major, tool, args)).redirectError(stderrLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path sharedDir() {
        String configured = System.getProperty("tusk.shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "shared");
        }
        return dir.toAbsolutePath().normalize();
    }
}
