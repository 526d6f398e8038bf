package org.lungcad.model.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lungcad.model.ScanVolume;

class LocalRefinementTest {

    /** 80 mm of lung at 1 mm with a nodule and three vessel-like blobs around it. */
    private static ScanVolume lungWithBlobs(double[] origin) {
        int n = 80;
        float[] hu = new float[n * n * n];
        double[][] blobs = {{40, 40, 40, 3}, {30, 46, 38, 1.5}, {50, 34, 45, 1.5}, {44, 50, 30, 2}};
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double v = -850;
                    for (double[] b : blobs) {
                        double d2 = (i - b[0]) * (i - b[0]) + (j - b[1]) * (j - b[1]) + (k - b[2]) * (k - b[2]);
                        v += 900 * Math.exp(-d2 / (2 * b[3] * b[3]));
                    }
                    hu[(k * n + j) * n + i] = (float) v;
                }
            }
        }
        return ScanVolume.axial(n, n, n, hu, 1, 1, 1, origin);
    }

    @Test
    void theNoduleIsFoundWhereTheRigidMappingMissedItBySomeMillimetres() {
        ScanVolume current = lungWithBlobs(new double[] {-40, -40, -200});
        // the prior: the same anatomy 30 mm further along the table in its own frame
        ScanVolume prior = lungWithBlobs(new double[] {-40, -40, -230});
        double[] noduleInPrior = prior.toPatient(40, 40, 40);
        double[] noduleNow = current.toPatient(40, 40, 40);
        // a rigid alignment that is 4, -3 and 5 mm off at the nodule (breathing)
        RigidRegistration.Transform rough = new RigidRegistration.Transform(
                RigidRegistration.Transform.identity().rotation(), new double[] {4, -3, 30 + 5});

        LocalRefinement refined = LocalRefinement.refine(prior, current, rough, noduleInPrior);

        assertThat(refined.currentCentreLpsMm()).containsExactly(noduleNow, within(0.51));
        assertThat(refined.shiftMm()).containsExactly(new double[] {-4, 3, -5}, within(0.51));
        assertThat(refined.correlation()).isGreaterThan(0.99);
    }
}
