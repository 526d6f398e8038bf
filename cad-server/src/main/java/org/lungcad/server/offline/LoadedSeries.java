package org.lungcad.server.offline;

import org.lungcad.server.analysis.ScanVolumeMapper;
import org.lungcad.server.analysis.VolumeLimit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.Qualification;
import org.lungcad.dicom.series.QualificationRules;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.dicom.volume.VolumeLoadException;
import org.lungcad.model.ScanVolume;

/**
 * A real CT series read from a folder as the node reads it (default input rules, gateway loader), in both libraries'
 * types: the gateway's for writing a derived series, the detector's for everything else (they share the voxels).
 *
 * @param loadMillis time to qualify and load, for the benchmark
 */
public record LoadedSeries(QualifiedSeries qualified, CtVolume volume, ScanVolume scan, long loadMillis) {

    /** The first series under {@code folder} that qualifies and loads; the others' skip reasons go to {@code out}. */
    public static Optional<LoadedSeries> firstQualifying(Path folder, PrintStream out) throws IOException {
        for (CompletedSeries series : DicomFolder.scan(folder).series()) {
            Optional<LoadedSeries> loaded = load(series, out);
            if (loaded.isPresent()) {
                return loaded;
            }
        }
        return Optional.empty();
    }

    /** The series qualified and loaded, or empty with its skip reason written to {@code out}. */
    public static Optional<LoadedSeries> load(CompletedSeries series, PrintStream out) {
        long start = System.nanoTime();
        Qualification q = new SeriesQualifier(QualificationRules.defaults()).qualify(series);
        if (q instanceof Qualification.Skipped skipped) {
            out.println("  series " + series.seriesInstanceUid() + " skipped: " + skipped);
            return Optional.empty();
        }
        QualifiedSeries qualified = ((Qualification.Qualified) q).series();
        try {
            CtVolume volume = VolumeLimit.heapBoundLoader().load(qualified);
            return Optional.of(new LoadedSeries(qualified, volume, ScanVolumeMapper.toScanVolume(volume),
                    (System.nanoTime() - start) / 1_000_000));
        } catch (VolumeLoadException e) {
            out.println("  series " + series.seriesInstanceUid() + " skipped: " + e.reason().code() + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
