package org.lungcad.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.lungcad.server.testing.TestEngine;
import picocli.CommandLine;

/** Runs the packaged command line in-process and captures what it prints, for the CLI tests. */
record CliRun(int exitCode, String output) {

    /**
     * One data directory for every test in the JVM: DJL reads its engine settings once per JVM, and the natives
     * (~430 MB) are then extracted only once per machine.
     */
    static final Path STORAGE = TestEngine.STORAGE;

    /** The shared real data (../shared/data, see its README), absent on some machines. */
    static final Path SHARED = Path.of(System.getProperty("lungcad.shared.data", "../../shared/data"));

    static CliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // the commands take System.out when picocli instantiates them, so swap it before building the CommandLine
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new LungCadCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        original.print(text); // keep it in the test report
        return new CliRun(code, text);
    }
}
