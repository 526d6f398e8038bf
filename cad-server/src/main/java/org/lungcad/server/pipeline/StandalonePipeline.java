package org.lungcad.server.pipeline;

import java.util.List;
import org.lungcad.dicom.series.SeriesHeader;
import org.lungcad.dicom.volume.CtVolume;
import org.lungcad.model.Finding;
import org.lungcad.model.PatientContext;
import org.lungcad.model.ScanVolume;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.job.FindingSummary;

/**
 * The pipeline's package-private parts for the one-shot tools that run without Spring (package
 * {@code org.lungcad.server.offline}): the same mapper and the same analysis as the node, not copies of them.
 */
public final class StandalonePipeline {

    private StandalonePipeline() {
    }

    /** A new analysis outside a Spring context; the caller owns it and calls {@link NoduleAnalysis#destroy()}. */
    public static NoduleAnalysis noduleAnalysis(LungCadProperties properties) {
        return new NoduleAnalysis(properties);
    }

    public static ScanVolume toScanVolume(CtVolume volume) {
        return ScanVolumeMapper.toScanVolume(volume);
    }

    public static PatientContext patient(SeriesHeader header) {
        return ScanVolumeMapper.patient(header);
    }

    /** "Nodule 1…n" in the detector's order, exactly as the node stores and serves them. */
    public static List<FindingSummary> summaries(List<Finding> findings) {
        return FindingSummaries.of(findings);
    }
}
