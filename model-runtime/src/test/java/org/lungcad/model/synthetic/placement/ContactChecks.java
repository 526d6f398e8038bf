package org.lungcad.model.synthetic.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lungcad.model.NoduleType;
import org.lungcad.model.ScanVolume;
import org.lungcad.model.lung.LungMask;
import org.lungcad.model.synthetic.NoduleSpec;
import org.lungcad.model.synthetic.Placement;
import org.lungcad.model.synthetic.SyntheticNoduleInserter;

/**
 * Juxtapleural and juxtavascular placements checked by brute force ({@link ContactGeometry}): centres one radius
 * (±{@value #TOLERANCE_MM} mm) from the wall or a vessel, the inserted nodule touching that tissue, its lung
 * parenchyma rather than an airway's lumen. Public for the real-CT run in cad-server, which can load DICOM.
 */
public final class ContactChecks {

    static final double TOLERANCE_MM = 1.5;
    static final double[] DIAMETERS = {25, 15, 8, 4};

    private ContactChecks() {
    }

    public static void juxtapleural(ScanVolume v, LungMask lung, long seed) {
        NodulePlacer placer = new NodulePlacer(v, lung, List.of(), seed);
        for (double d : DIAMETERS) {
            double r = d / 2;
            double[] c = placer.place(d, Placement.JUXTAPLEURAL).orElseThrow();
            double toBoundary = ContactGeometry.nearest(v, c, r + 3, (i, j, k) -> !lung.contains(i, j, k));
            assertThat(toBoundary).as("%.0f mm nodule: distance to the lung boundary", d)
                    .isBetween(r - TOLERANCE_MM, r + TOLERANCE_MM);
            assertThat(insertedTouches(v, lung, c, d)).as("%.0f mm nodule touches the wall", d).isTrue();
            assertThat(ContactGeometry.meanLungHu(v, lung, c, r)).as("%.0f mm nodule: in parenchyma", d)
                    .isGreaterThan(-960.0);
        }
    }

    public static void juxtavascular(ScanVolume v, LungMask lung, long seed) {
        NodulePlacer placer = new NodulePlacer(v, lung, List.of(), seed);
        for (double d : DIAMETERS) {
            double r = d / 2;
            double[] c = placer.place(d, Placement.JUXTAVASCULAR).orElseThrow();
            double toVessel = ContactGeometry.nearest(v, c, r + 3,
                    (i, j, k) -> ContactGeometry.inside(v, i, j, k) && v.at(i, j, k) > -300);
            assertThat(toVessel).as("%.0f mm nodule: distance to a vessel", d)
                    .isBetween(r - TOLERANCE_MM, r + TOLERANCE_MM);
            assertThat(lung.containsPatient(c)).as("%.0f mm nodule: centre in the lung", d).isTrue();
            assertThat(insertedTouches(v, lung, c, d)).as("%.0f mm nodule touches the vessel", d).isTrue();
            assertThat(ContactGeometry.meanLungHu(v, lung, c, r)).as("%.0f mm nodule: in parenchyma", d)
                    .isGreaterThan(-960.0);
        }
    }

    private static boolean insertedTouches(ScanVolume v, LungMask lung, double[] c, double d) {
        ScanVolume after = new SyntheticNoduleInserter(SyntheticNoduleInserter.Config.DEFAULT).insert(v, "1",
                List.of(new NoduleSpec(c, d, NoduleType.SOLID, NoduleSpec.Shape.SMOOTH, 1))).volume();
        return ContactGeometry.touches(v, after, lung, c, d / 2 + 2, 100);
    }
}
