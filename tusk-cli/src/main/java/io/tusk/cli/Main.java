package io.tusk.cli;

import io.tusk.TuskException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tusk} command: pg_dump and pg_restore compatible dump and restore, and a demo. */
@Command(name = "tusk", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Backs up and restores PostgreSQL 12 to 18 databases, in pg_dump's archive formats, to files or storages (local, S3).",
        subcommands = {DumpCommand.class, RestoreCommand.class, BackupCommand.class, BackupsCommand.class, VerifyCommand.class,
                DownloadCommand.class, DemoCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests: no System.exit). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::reportFailure);
        cli.setParameterExceptionHandler((e, a) -> {
            String name = e.getCommandLine().getCommandName();
            System.err.println(qualifiedName(e.getCommandLine()) + ": error: " + e.getMessage());
            System.err.println("Try \"" + qualifiedName(e.getCommandLine()) + " --help\" for more information.");
            return 2;
        });
        return cli.execute(args);
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getParent() == null ? cl.getCommandName() : "tusk " + cl.getCommandName();
    }

    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommand() != null
                && (parsed.subcommand().hasMatchedOption("-v") || parsed.subcommand().hasMatchedOption("--verbose"));
        String message = e instanceof TuskException ? e.getMessage() : describe(e);
        System.err.println(qualifiedName(cl) + ": error: " + message);
        if (verbose) {
            e.printStackTrace(System.err);
        }
        return e instanceof TuskException t ? t.exitCode() : 1;
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "could not open \"" + n.getFile() + "\": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "could not open \"" + a.getFile() + "\": permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tusk " + VERSION + " (dumps and restores PostgreSQL 12 to 18)"};
        }
    }
}
