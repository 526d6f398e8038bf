package org.lungcad.server.offline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.synthetic.placement.ContactChecks;
import org.lungcad.model.synthetic.placement.NodulePlacer;

/**
 * model-runtime's placement checks ({@link ContactChecks}) on the real CT of LIDC-IDRI-0001: here because this is
 * the module that reads DICOM. Skipped where the shared data is absent.
 */
class RealCtContactPlacementTest {

    static final Path SERIES = Path.of(System.getProperty("lungcad.shared.data", "../../shared/data"))
            .resolve("lidc-idri-0001").resolve("series");

    static ScanVolume lidc;
    static LungMask lung;

    @BeforeAll
    static void load() throws Exception {
        if (Files.isDirectory(SERIES)) {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            lidc = LoadedSeries.firstQualifying(SERIES, quiet).map(LoadedSeries::scan).orElse(null);
            lung = lidc == null ? null : NodulePlacer.lungOf(lidc);
        }
    }

    @BeforeEach
    void requireSharedData() {
        assumeTrue(lidc != null, "shared data absent at " + SERIES.toAbsolutePath()
                + " (set -Dlungcad.shared.data): skipped");
    }

    @Test
    void juxtapleuralOnTheRealCtTouchesTheWall() {
        ContactChecks.juxtapleural(lidc, lung, 7);
    }

    @Test
    void juxtavascularOnTheRealCtTouchesAVessel() {
        ContactChecks.juxtavascular(lidc, lung, 7);
    }
}
