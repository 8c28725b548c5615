package dev.sequent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the command line in-process for tests, capturing what it prints. */
final class CliRun {

    private CliRun() {
    }

    /** Runs {@code sequent args...}; returns the exit code, standard output and error output. */
    static String[] run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            CommandLine cli = SequentCommand.commandLine();
            cli.setErr(new PrintWriter(err));
            code = cli.execute(args);
        } finally {
            System.setOut(saved);
        }
        return new String[] {Integer.toString(code), bytes.toString(StandardCharsets.UTF_8), err.toString()};
    }
}
