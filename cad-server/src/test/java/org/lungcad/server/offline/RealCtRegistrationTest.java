package org.lungcad.server.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.followup.LocalRefinement;
import org.lungcad.model.followup.RigidRegistration;
import org.lungcad.model.lung.LungAir;
import org.lungcad.model.lung.LungMaskConfig;

/**
 * The lung registration on the real LIDC-IDRI-0001 anatomy: a "prior" that is the same scan with every other slice
 * (5 mm apart), the patient 3° rotated and 66 mm shifted in another frame of reference, must map its nodule onto the
 * current one's. Not tested here: breathing and posture, which only real follow-up pairs show.
 */
class RealCtRegistrationTest {

    private static final Path SERIES = RealCtContactPlacementTest.SERIES;
    /** The LUNA16 reference nodule of LIDC-IDRI-0001, LPS mm. */
    private static final double[] NODULE = {56.21, 86.34, -115.87};

    @Test
    void theReferenceNoduleOfAShiftedAndRotatedPriorLandsOnTheCurrentOne() throws Exception {
        assumeThat(Files.isDirectory(SERIES)).as("shared data absent at " + SERIES.toAbsolutePath()).isTrue();
        ScanVolume current = LoadedSeries.firstQualifying(SERIES, new PrintStream(OutputStream.nullOutputStream()))
                .map(LoadedSeries::scan).orElseThrow();
        RigidRegistration.Transform toPrior = RigidRegistration.Transform.of(new double[] {0.1, 0.2, 1}, 3,
                new double[] {-20, 15, 60}).inverse();
        // and sampled differently: every other slice, as a thicker reconstruction would be
        int w = current.width();
        int h = current.height();
        int depth = current.depth() / 2;
        float[] hu = new float[w * h * depth];
        for (int k = 0; k < depth; k++) {
            System.arraycopy(current.hu(), 2 * k * w * h, hu, k * w * h, w * h);
        }
        ScanVolume prior = new ScanVolume(w, h, depth, hu, current.spacingX(), current.spacingY(),
                2 * current.spacingZ(), toPrior.apply(current.origin()), toPrior.rotate(current.rowDirection()),
                toPrior.rotate(current.columnDirection()), toPrior.rotate(current.sliceDirection()));
        double[] noduleInPrior = toPrior.apply(NODULE);

        long start = System.nanoTime();
        RigidRegistration.Result result = RigidRegistration.register(prior, LungAir.of(prior, LungMaskConfig.DEFAULT),
                current, LungAir.of(current, LungMaskConfig.DEFAULT));
        double seconds = (System.nanoTime() - start) / 1e9;

        double[] mapped = result.priorToCurrent().apply(noduleInPrior);
        double error = Math.sqrt(Math.pow(mapped[0] - NODULE[0], 2) + Math.pow(mapped[1] - NODULE[1], 2)
                + Math.pow(mapped[2] - NODULE[2], 2));
        System.out.printf("LIDC registration: nodule error %.2f mm, surface rms %.2f mm, %d pairs, %d iterations,"
                + " %.1f s with both lung masks%n", error, result.rmsMm(), result.pairs(), result.iterations(),
                seconds);
        assertThat(error).as("registration error at the nodule, mm").isLessThan(1.5);
        assertThat(result.priorToCurrent().angleDegrees()).isBetween(2.8, 3.2);

        // the local refinement finds the nodule again when the lungs moved 4, -3 and 5 mm more than the rigid fit
        double[] off = result.priorToCurrent().translation();
        RigidRegistration.Transform breathing = new RigidRegistration.Transform(result.priorToCurrent().rotation(),
                new double[] {off[0] + 4, off[1] - 3, off[2] + 5});
        start = System.nanoTime();
        LocalRefinement refined = LocalRefinement.refine(prior, current, breathing, noduleInPrior);
        double refineSeconds = (System.nanoTime() - start) / 1e9;
        double[] c = refined.currentCentreLpsMm();
        double refinedError = Math.sqrt(Math.pow(c[0] - NODULE[0], 2) + Math.pow(c[1] - NODULE[1], 2)
                + Math.pow(c[2] - NODULE[2], 2));
        System.out.printf("LIDC local refinement: nodule error %.2f mm (7.1 mm before), correlation %.3f, %.2f s%n",
                refinedError, refined.correlation(), refineSeconds);
        assertThat(refinedError).as("refined error at the nodule, mm").isLessThan(1.5);
    }
}
