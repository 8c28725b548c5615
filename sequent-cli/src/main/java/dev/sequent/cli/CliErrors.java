package dev.sequent.cli;

import dev.sequent.data.DatasetFormatException;
import dev.sequent.data.DatasetIntegrityException;
import dev.sequent.data.DatasetNotFoundException;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.util.Names;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the {@code sequent} command reports a failure: one {@code error: } line a user can act
 * on, never a stack trace unless asked for ({@code --debug} or {@code SEQUENT_DEBUG}).
 */
final class CliErrors {
    /** Exit code of a command line that cannot be parsed (picocli's usage-error convention). */
    static final int USAGE = 2;
    /** Exit code of every other failure. */
    static final int FAILURE = 1;

    private CliErrors() {
    }

    /** Picocli could not parse the command line: say what is wrong, suggest the closest name, point at --help. */
    static int parameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String unmatched = u.getUnmatched().get(0);
            String suggestion = Names.closest(unmatched, candidates(cmd.getCommandSpec(), unmatched));
            if (suggestion != null) {
                message += "; did you mean '" + suggestion + "'?";
            }
        }
        err.println("error: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (debug(args)) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /** The command failed while running: a user error in one line, anything else with its class and how to see more. */
    static int executionError(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = debug(parseResult == null ? new String[0] : parseResult.originalArgs().toArray(String[]::new));
        err.println("error: " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        } else if (!userError(e)) {
            err.println("(this looks like a bug in Sequent; run with --debug or SEQUENT_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return FAILURE;
    }

    /** Whether {@code --debug} is on the command line or {@code SEQUENT_DEBUG} is set to something other than empty or 0. */
    static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        String env = System.getenv("SEQUENT_DEBUG");
        return env != null && !env.isEmpty() && !env.equals("0");
    }

    /** Errors a user causes and can fix: bad arguments, missing or malformed files and datasets. */
    static boolean userError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof DatasetNotFoundException || e instanceof DatasetFormatException
                || e instanceof DatasetIntegrityException || e instanceof ModelFormatException
                || e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
                || (e instanceof UncheckedIOException u && userError(u.getCause()));
    }

    /** The message to print: the exception's own for a user error, with the class and the likely fix otherwise. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null && userError(u.getCause())) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a folder: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            return String.format(Locale.ROOT, "out of memory (%s) with a heap of at most %,d MB; give Java more, "
                    + "e.g. SEQUENT_JAVA_OPTS=-Xmx4g ./sequent ... (docs/reliability.md, Memory)", e.getMessage(), max >> 20);
        }
        String message = e.getMessage();
        if (userError(e)) {
            return message == null ? e.getClass().getSimpleName() : message;
        }
        return e.getClass().getName() + (message == null ? "" : ": " + message);
    }

    /** Option names for a mistyped option, subcommand names for a mistyped subcommand. */
    private static List<String> candidates(CommandSpec spec, String unmatched) {
        List<String> out = new ArrayList<>();
        if (unmatched.startsWith("-")) {
            out.addAll(spec.optionsMap().keySet());
        } else {
            out.addAll(spec.subcommands().keySet());
        }
        return out;
    }
}
