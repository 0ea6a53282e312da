package io.tusk.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@link Main#run} in this JVM as a shell would: standard input from bytes, standard output and error captured.
 * The command line is not thread-safe, as it swaps System.out and System.err: tests run it one at a time.
 *
 * <pre>{@code
 * Tusk.Result r = Tusk.run("dump", "-Fc", pg.uri("source"));
 * }</pre>
 */
final class Tusk {
    private Tusk() {
    }

    /** What one run of {@code tusk} left: its exit code, the bytes it wrote to standard output, its standard error. */
    record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        /** The standard error's lines, for "exactly one line" assertions. */
        java.util.List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", stderr:\n" + stderr;
        }
    }

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static synchronized Result runWithInput(byte[] stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream stdoutSink = new ByteArrayOutputStream();
        ByteArrayOutputStream stderrSink = new ByteArrayOutputStream();
        try (PrintStream capturedOut = new PrintStream(stdoutSink, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(stderrSink, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            System.setIn(new ByteArrayInputStream(stdin));
            int exitCode = Main.run(args);
            capturedOut.flush();
            capturedErr.flush();
            return new Result(exitCode, stdoutSink.toByteArray(), stderrSink.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }
}
