package org.lungcad.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;

/**
 * Prints the hash of a REST password for {@code lungcad.api.users[n].password-hash}, so that no configuration file
 * holds a password. The password is read from the terminal without echo, or as one line from standard input.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read a password (terminal without echo, or one line on standard input) and print its bcrypt hash "
                + "for lungcad.api.users[n].password-hash.")
class HashPasswordCommand implements Callable<Integer> {

    /** Shorter passwords are refused: the REST login guards patient data. */
    static final int MIN_LENGTH = 12;

    private final Console console;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    HashPasswordCommand() {
        this(System.console(), System.in, System.out, System.err);
    }

    HashPasswordCommand(Console console, InputStream in, PrintStream out, PrintStream err) {
        this.console = console;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        char[] password = console != null ? console.readPassword("Password: ") : readLine();
        if (password == null || password.length < MIN_LENGTH) {
            err.println("hash-password: a password of at least " + MIN_LENGTH + " characters is needed");
            return 2;
        }
        try {
            out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(new String(password)));
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private char[] readLine() throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
