package org.lungcad.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The hash an administrator pastes into lungcad.api.users[n].password-hash logs that password in, and no other. */
class HashPasswordCommandTest {

    @Test
    void printsABcryptHashOfThePasswordOnStandardInput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new HashPasswordCommand(null, stdin("correct horse battery\n"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).call();
        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(rc).isZero();
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain("correct horse");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse battery", hash))
                .isTrue();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse batter", hash))
                .isFalse();
    }

    @Test
    void aShortOrMissingPasswordIsRefused() throws Exception {
        for (String input : new String[] {"short\n", ""}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = new HashPasswordCommand(null, stdin(input), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).call();
            assertThat(rc).isEqualTo(2);
            assertThat(out.size()).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
        }
    }

    private static ByteArrayInputStream stdin(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
