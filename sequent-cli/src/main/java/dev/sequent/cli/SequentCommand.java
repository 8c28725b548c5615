package dev.sequent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import dev.sequent.kernels.KernelsProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sequent} command: list, summarize, run and benchmark the chapter's experiments; manage the datasets. */
@Command(name = "sequent",
        mixinStandardHelpOptions = true,
        versionProvider = SequentCommand.Version.class,
        description = "Deep learning for text and sequences in pure Java: the experiments of chapter 6 of Deep Learning with Python.",
        subcommands = {ListCommand.class, SummaryCommand.class, InspectCommand.class, ImportCommand.class, ExportCommand.class, RunCommand.class, ReproduceCommand.class, PlotCommand.class, BenchCommand.class, DatasetsCommand.class,
                CommandLine.HelpCommand.class})
public final class SequentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The top-level command picocli instantiates; with no subcommand it prints the usage. */
    public SequentCommand() {
    }

    /** {@code --debug}, accepted by every subcommand: stack traces on errors. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an error (as SEQUENT_DEBUG=1 does)")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line with {@code args} and exits with its code (0 on success, 1 on an error, 2 for bad usage
     * as picocli reports it).
     */
    public static void main(String[] args) {
        // A command-line tool never opens a window: charts are drawn off screen even where a
        // display is set, and the JVM never tries to reach one.
        System.setProperty("java.awt.headless", "true");
        // jhdf (Keras files) logs through SLF4J, which without a logging back end prints three
        // warning lines on first use; the command's own messages are what matters here.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli hands only Exceptions to the handler; running out of heap is the one Error a user can fix.
            System.err.println("error: " + CliErrors.describe(e));
            if (CliErrors.debug(args)) {
                e.printStackTrace();
            }
            code = CliErrors.FAILURE;
        }
        System.exit(code);
    }

    /**
     * The command line as {@link #main} runs it. A user error (a bad option or value, an unknown
     * experiment, a missing dataset, a malformed file) prints {@code error: } and the message,
     * one line (a missing dataset adds the lines saying what to do), with the closest valid name
     * for an unknown one, and no stack trace; an unexpected failure (a bug) prints its exception
     * class and a second line saying how to get the stack trace. {@code --debug} (anywhere on the
     * command line) or the environment variable {@code SEQUENT_DEBUG} (any value but empty or 0)
     * prints the stack trace too. Exit codes: 2 for a command line picocli cannot parse (unknown
     * option, bad value, missing argument), 1 for every other failure.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SequentCommand());
        cli.setParameterExceptionHandler(CliErrors::parameterError);
        cli.setExecutionExceptionHandler(CliErrors::executionError);
        return cli;
    }

    /** The library version, from the build. */
    public static String version() {
        try (InputStream in = SequentCommand.class.getResourceAsStream("/sequent-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "sequent " + version(),
                "java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores",
                "kernels: " + KernelsProvider.selectionReason()};
        }
    }
}
