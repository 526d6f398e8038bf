package org.lungcad.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.lungcad.dicom.report.DicomUids;
import org.lungcad.dicom.volume.CtSeriesSpec;
import org.lungcad.dicom.volume.CtSeriesWriter;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.model.synthetic.ChestPhantom;
import org.lungcad.model.synthetic.GroundTruth;
import org.lungcad.model.synthetic.SyntheticCases;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;

/** The CT the demo sends: a real series when there is one, else the product's procedural chest phantom. */
final class DemoInput {

    record Series(String description, List<Path> files, List<GroundTruth> groundTruth) {
    }

    private DemoInput() {
    }

    static Series of(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            return new Series(files.size() + " files from " + folder, files, List.of());
        }
    }

    /**
     * A 512×512×160 chest phantom (0.7 mm pixels, 2 mm slices) with synthetic nodules, written as CT DICOM of a
     * synthetic patient and study.
     */
    static Series phantom(Path folder, int nodules, long seed) throws IOException {
        String seriesUid = DicomUids.random();
        SyntheticNoduleInserter.Insertion insertion = SyntheticCases.generate(
                new ChestPhantom.Config(512, 512, 160, 0.7, 2.0, 15, true, seed), nodules, seriesUid, seed);
        CtSeriesSpec spec = SyntheticSeriesMapper.toSyntheticSeries(insertion.volume(),
                StudyIdentity.synthetic("PHANTOM", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)), 1,
                "LungCAD chest phantom (synthetic)");
        List<Path> files = new CtSeriesWriter().write(spec, folder).files();
        return new Series("procedural chest phantom with " + insertion.groundTruth().size() + " synthetic nodules",
                files, insertion.groundTruth());
    }
}
