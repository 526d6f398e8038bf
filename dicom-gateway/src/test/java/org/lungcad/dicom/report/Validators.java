package org.lungcad.dicom.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.validate.DicomSRValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The independent validators and dumpers the outputs are checked with: dciodvfy, PixelMed, dsrdump. */
final class Validators {

    private Validators() {
    }

    /** dciodvfy's messages (it writes them to stderr), or the test is skipped when dicom3tools is absent. */
    static List<String> dciodvfy(Path file) throws IOException, InterruptedException {
        return run("dciodvfy", file.toString());
    }

    static List<String> dsrdump(Path file) throws IOException, InterruptedException {
        return run("dsrdump", "+Pc", file.toString());
    }

    /** PixelMed's SR validator (IOD and templates); needs the JDK XPath limits lifted (parent pom argLine). */
    static List<String> pixelmedSr(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        DicomSRValidator validator = new DicomSRValidator();
        return validator.validate(list).lines().toList();
    }

    static List<String> errors(List<String> messages) {
        return messages.stream().filter(line -> line.startsWith("Error")).toList();
    }

    static List<String> warnings(List<String> messages) {
        return messages.stream().filter(line -> line.startsWith("Warning")).toList();
    }

    private static List<String> run(String tool, String... arguments) throws IOException, InterruptedException {
        assumeTrue(onPath(tool), tool + " is not installed: skipping");
        List<String> command = new java.util.ArrayList<>();
        command.add(tool);
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(tool + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8).lines().toList();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }
}
