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
        subcommands = {ListCommand.class, SummaryCommand.class, RunCommand.class, ReproduceCommand.class, PlotCommand.class, ExportCommand.class, BenchCommand.class, DatasetsCommand.class,
                CommandLine.HelpCommand.class})
public final class SequentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // A command-line tool never opens a window: charts are drawn off screen even where a
        // display is set, and the JVM never tries to reach one.
        System.setProperty("java.awt.headless", "true");
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
                if (!(e instanceof IllegalArgumentException)) {
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
