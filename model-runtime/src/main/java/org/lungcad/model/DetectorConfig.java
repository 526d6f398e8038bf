package org.lungcad.model;

import java.util.Locale;
import java.util.Objects;
import org.lungcad.model.detect.CandidateDetectorConfig;
import org.lungcad.model.detect.DetectionScorer;
import org.lungcad.model.detect.OperatingPoint;
import org.lungcad.model.lung.LungMaskConfig;
import org.lungcad.model.measure.SegmenterConfig;
import org.lungcad.model.resample.ResampleConfig;

/** All settings of {@link HessianNoduleDetector}; each part validates itself. */
public record DetectorConfig(ResampleConfig resample, LungMaskConfig lungMask, CandidateDetectorConfig candidates,
                             SegmenterConfig segmenter, DetectionScorer.Weights scoreWeights,
                             OperatingPoint operatingPoint) {

    public static final DetectorConfig DEFAULT = new DetectorConfig(ResampleConfig.DEFAULT, LungMaskConfig.DEFAULT,
            CandidateDetectorConfig.DEFAULT, SegmenterConfig.DEFAULT, DetectionScorer.Weights.DEFAULT,
            OperatingPoint.DEFAULT);

    public DetectorConfig {
        Objects.requireNonNull(resample, "resample");
        Objects.requireNonNull(lungMask, "lungMask");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(scoreWeights, "scoreWeights");
        Objects.requireNonNull(operatingPoint, "operatingPoint");
    }

    public DetectorConfig withOperatingPoint(OperatingPoint op) {
        return new DetectorConfig(resample, lungMask, candidates, segmenter, scoreWeights, op);
    }

    /** The settings that change results, in one line (TID 4019 algorithm parameters). */
    public String parameters() {
        return String.format(Locale.ROOT,
                "detector=hessian-dot;grid=%.2fmm;scales=%s;threshold=%.2f;maxMarks=%d;size=%.1f-%.1fmm;"
                + "minSolid=%.1fmm;minPartSolid=%.1fmm;minGroundGlass=%.1fmm",
                resample.spacingMm(), candidates.scalesMm(), operatingPoint.threshold(),
                operatingPoint.maxMarksPerScan(), operatingPoint.minDiameterMm(), operatingPoint.maxDiameterMm(),
                operatingPoint.minimumByType().solidMm(), operatingPoint.minimumByType().partSolidMm(),
                operatingPoint.minimumByType().groundGlassMm())
                .replace(" ", "");
    }
}
