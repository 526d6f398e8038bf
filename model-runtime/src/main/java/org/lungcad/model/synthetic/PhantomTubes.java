package org.lungcad.model.synthetic;

import java.util.SplittableRandom;

/** The tubular anatomy of {@link ChestPhantom}: aorta, airways, pulmonary vessel trees and ribs. */
final class PhantomTubes {

    private static final float BONE_CORTEX = 700;
    private static final float BONE_MARROW = 250;
    private static final int VESSEL_GENERATIONS = 6;

    private PhantomTubes() {
    }

    static void paint(PhantomCanvas cv, ChestPhantom.Landmarks lm, SplittableRandom rnd) {
        aorta(cv, lm);
        airways(cv, lm);
        double carina = lm.carina();
        vessels(cv, new double[] {-35, 5, carina - 30}, -1, rnd);
        vessels(cv, new double[] {38, 5, carina - 38}, 1, rnd);
        ribs(cv, lm);
    }

    private static void aorta(PhantomCanvas cv, ChestPhantom.Landmarks lm) {
        double top = lm.z(0.78);
        double[] ascending = {5, -25, top};
        double[] descending = {30, 36, top};
        cv.capsule(new double[] {5, -25, lm.z(0.40)}, ascending, 15, 15, ChestPhantom.SOFT, PhantomCanvas.BODY, PhantomCanvas.Target.ANY);
        cv.capsule(ascending, descending, 13, 12, ChestPhantom.SOFT, PhantomCanvas.BODY, PhantomCanvas.Target.ANY);
        cv.capsule(descending, new double[] {30, 36, lm.zBottom() - 10}, 12, 12, ChestPhantom.SOFT, PhantomCanvas.BODY, PhantomCanvas.Target.ANY);
    }

    private static void airways(PhantomCanvas cv, ChestPhantom.Landmarks lm) {
        double c = lm.carina();
        double[] carina = {0, 0, c};
        double[] rightHilum = {-40, 8, c - 22};
        double[] leftHilum = {42, 8, c - 32};
        airway(cv, new double[] {0, -5, lm.zTop() + 10}, carina, 9, PhantomCanvas.AIRWAY);
        airway(cv, carina, rightHilum, 7, PhantomCanvas.AIRWAY);
        airway(cv, carina, leftHilum, 6, PhantomCanvas.AIRWAY);
        // lobar bronchi run inside the lungs: they stay part of the lung mask
        airway(cv, rightHilum, new double[] {-70, 10, c + 10}, 4, PhantomCanvas.KEEP);
        airway(cv, rightHilum, new double[] {-75, 25, c - 70}, 4.5, PhantomCanvas.KEEP);
        airway(cv, leftHilum, new double[] {75, 5, c + 5}, 4, PhantomCanvas.KEEP);
        airway(cv, leftHilum, new double[] {80, 25, c - 75}, 4.5, PhantomCanvas.KEEP);
    }

    private static void airway(PhantomCanvas cv, double[] a, double[] b, double lumen, byte label) {
        byte wallLabel = label == PhantomCanvas.KEEP ? PhantomCanvas.KEEP : PhantomCanvas.BODY;
        cv.capsule(a, b, lumen + 2, lumen + 2, ChestPhantom.SOFT, wallLabel, PhantomCanvas.Target.ANY);
        cv.capsule(a, b, lumen, lumen, -1000, label, PhantomCanvas.Target.ANY);
    }

    /** Four root arteries from a hilum, each a binary tree of tapering, shortening branches. */
    private static void vessels(PhantomCanvas cv, double[] hilum, int side, SplittableRandom rnd) {
        double[][] roots = {{side * 0.6, 0, 0.8}, {side, -0.4, 0.1}, {side, 0.5, -0.1}, {side * 0.6, 0.2, -0.8}};
        for (double[] d : roots) {
            branch(cv, hilum, normalize(d), 6, 38, VESSEL_GENERATIONS, rnd);
        }
    }

    private static void branch(PhantomCanvas cv, double[] start, double[] dir, double radius, double length,
                               int generations, SplittableRandom rnd) {
        double[] end = {start[0] + dir[0] * length, start[1] + dir[1] * length, start[2] + dir[2] * length};
        double endRadius = radius * 0.8;
        cv.capsule(start, end, radius, endRadius, ChestPhantom.SOFT, PhantomCanvas.KEEP, PhantomCanvas.Target.LUNG_ONLY);
        if (generations == 0 || endRadius < 0.7) {
            return;
        }
        for (int child = 0; child < 2; child++) {
            double angle = Math.toRadians(22 + 18 * rnd.nextDouble());
            branch(cv, end, rotateAway(dir, angle, rnd), endRadius * 0.85, length * (0.7 + 0.15 * rnd.nextDouble()),
                    generations - 1, rnd);
        }
    }

    /** Ribs: 10 pairs following the chest wall from the spine forwards, sloping down anteriorly. */
    private static void ribs(PhantomCanvas cv, ChestPhantom.Landmarks lm) {
        double a = ChestPhantom.BODY_A - 16;
        double b = ChestPhantom.BODY_B - 16;
        for (int side = -1; side <= 1; side += 2) {
            for (int n = 0; n < 10; n++) {
                double zPosterior = lm.zTop() - 30 - n * 26;
                double[] prev = null;
                for (double phi = 0.3; phi <= 2.5 + 1e-9; phi += 0.08) {
                    double[] p = {side * a * Math.sin(phi), ChestPhantom.BODY_YC + b * Math.cos(phi),
                        zPosterior - 45 * (phi - 0.3) / 2.2};
                    if (prev != null) {
                        cv.capsule(prev, p, 5.5, 5.5, BONE_CORTEX, PhantomCanvas.BONE, PhantomCanvas.Target.NOT_LUNG);
                        cv.capsule(prev, p, 3.5, 3.5, BONE_MARROW, PhantomCanvas.BONE, PhantomCanvas.Target.NOT_LUNG);
                    }
                    prev = p;
                }
            }
        }
    }

    private static double[] rotateAway(double[] d, double angle, SplittableRandom rnd) {
        double[] perp;
        do {
            double[] w = NoduleShapeModel.randomUnit(rnd);
            double dot = w[0] * d[0] + w[1] * d[1] + w[2] * d[2];
            perp = new double[] {w[0] - dot * d[0], w[1] - dot * d[1], w[2] - dot * d[2]};
        } while (perp[0] * perp[0] + perp[1] * perp[1] + perp[2] * perp[2] < 1e-6);
        perp = normalize(perp);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return normalize(new double[] {c * d[0] + s * perp[0], c * d[1] + s * perp[1], c * d[2] + s * perp[2]});
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
