package org.lungcad.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real CT data beside the repository ({@code ../shared/data}); tests skip, saying why, without it. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        return Path.of(System.getProperty("lungcad.shared.data", "../../../shared/data")).toAbsolutePath().normalize();
    }

    static List<Path> lidcSeries() throws IOException {
        return files(root().resolve("lidc-idri-0001").resolve("series"));
    }

    static List<Path> siemensJpeg2000() throws IOException {
        return files(root().resolve("ct-jpeg2000-siemens"));
    }

    static List<Path> files(Path dir) throws IOException {
        assumeTrue(Files.isDirectory(dir), "shared test data not found at " + dir + " — test skipped");
        try (Stream<Path> walk = Files.list(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
