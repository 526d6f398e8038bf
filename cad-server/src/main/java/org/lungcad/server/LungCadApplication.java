package org.lungcad.server;

import org.lungcad.server.cli.LungCadCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import picocli.CommandLine;

/**
 * Entry point. {@code serve} (the default, also when only {@code --spring.option=value} arguments are given)
 * runs the DICOM node; the other sub-commands are one-shot tools ({@code demo}, {@code benchmark-ingest}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LungCadApplication {

    public static void main(String[] args) {
        String[] command = args.length == 0 || args[0].startsWith("--") && !isCliOption(args[0])
                ? prepend("serve", args) : args;
        int exitCode = new CommandLine(new LungCadCommand()).execute(command);
        if (exitCode != 0 || !"serve".equals(command[0])) {
            System.exit(exitCode);
        }
        // serve: the Spring context's non-daemon threads keep the node running
    }

    private static boolean isCliOption(String arg) {
        return arg.equals("--help") || arg.equals("--version");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
