package org.lungcad.model.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungAir;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.lung.LungMaskConfig;
import org.lungcad.model.synthetic.ChestPhantom;

class RigidRegistrationTest {

    @Test
    void exactPairsGiveBackTheirRotationAndTranslation() {
        RigidRegistration.Transform truth = RigidRegistration.Transform.of(new double[] {0.2, -0.3, 1}, 7,
                new double[] {12.5, -8, 31});
        Random random = new Random(3);
        List<double[][]> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] p = {random.nextGaussian() * 80, random.nextGaussian() * 60, random.nextGaussian() * 100};
            pairs.add(new double[][] {p, truth.apply(p)});
        }

        RigidRegistration.Transform fitted = RigidRegistration.fit(pairs);

        assertThat(fitted.rotation()).containsExactly(truth.rotation(), within(1e-9));
        assertThat(fitted.translation()).containsExactly(truth.translation(), within(1e-7));
        assertThat(fitted.angleDegrees()).isCloseTo(7, within(1e-7));
    }

    @Test
    void thePriorsLungsAreAlignedOntoTheCurrentOnesAcrossFramesOfReference() {
        ScanVolume current = ChestPhantom.generate(ChestPhantom.Config.small(7)).volume();
        // the prior: the same patient lying 4° rotated and shifted on another table, in its own frame of reference
        RigidRegistration.Transform toPrior = RigidRegistration.Transform.of(new double[] {0.3, 0.2, 1}, 4,
                new double[] {14, -9, 42}).inverse();
        ScanVolume prior = new ScanVolume(current.width(), current.height(), current.depth(), current.hu(),
                current.spacingX(), current.spacingY(), current.spacingZ(), toPrior.apply(current.origin()),
                toPrior.rotate(current.rowDirection()), toPrior.rotate(current.columnDirection()),
                toPrior.rotate(current.sliceDirection()));
        LungMask currentLungs = LungAir.of(current, LungMaskConfig.DEFAULT);
        LungMask priorLungs = LungAir.of(prior, LungMaskConfig.DEFAULT);

        RigidRegistration.Result result = RigidRegistration.register(prior, priorLungs, current, currentLungs);

        // every voxel of the prior lands where the same anatomy is in the current study
        double worst = 0;
        for (int[] ijk : new int[][] {{40, 60, 20}, {90, 60, 20}, {64, 40, 50}, {30, 80, 10}, {100, 70, 40}}) {
            double[] inPrior = prior.toPatient(ijk[0], ijk[1], ijk[2]);
            double[] truth = current.toPatient(ijk[0], ijk[1], ijk[2]);
            double[] mapped = result.priorToCurrent().apply(inPrior);
            worst = Math.max(worst, Math.sqrt(Math.pow(mapped[0] - truth[0], 2) + Math.pow(mapped[1] - truth[1], 2)
                    + Math.pow(mapped[2] - truth[2], 2)));
        }
        assertThat(worst).as("error at lung points, mm").isLessThan(1.0);
        assertThat(result.priorToCurrent().angleDegrees()).isCloseTo(4, within(0.2));
        assertThat(result.rmsMm()).isLessThan(1.0);
    }

    @Test
    void jacobiFindsTheLargestEigenvector() {
        double[] e = RigidRegistration.largestEigenvector(new double[][] {{2, 1, 0, 0}, {1, 2, 0, 0}, {0, 0, 1, 0},
            {0, 0, 0, -5}});
        assertThat(Math.abs(e[0])).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(Math.abs(e[1])).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(e[0] * e[1]).isPositive();
    }
}
