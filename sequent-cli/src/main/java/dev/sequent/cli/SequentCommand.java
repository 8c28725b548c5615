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
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@link #main} runs it. A failure prints one line, {@code error: } and
     * the message; for an unexpected one (anything but a bad argument) a second line says how to
     * get the stack trace, which {@code SEQUENT_DEBUG} prints instead. Exit code 1.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SequentCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (System.getenv("SEQUENT_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("error: " + e.getMessage());
                if (!(e instanceof IllegalArgumentException || e instanceof dev.sequent.saving.ModelFormatException)) {
                    commandLine.getErr().println("(set SEQUENT_DEBUG=1 for the stack trace)");
                }
            }
            commandLine.getErr().flush();
            return 1;
        });
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
