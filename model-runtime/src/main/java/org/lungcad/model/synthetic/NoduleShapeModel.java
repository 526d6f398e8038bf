package org.lungcad.model.synthetic;

import java.util.SplittableRandom;
import org.lungcad.model.geometry.SphereDirections;

/**
 * The geometry of one synthetic nodule around its centre, in millimetres: a body whose radius depends on
 * direction (a sphere, or lobulated with volume kept) plus optional spicules (tapering capsules).
 */
final class NoduleShapeModel {

    private static final int LOBES = 4;
    private static final double LOBE_AMPLITUDE = 0.15;

    private final double scale;
    private final double[][] lobeAxes;
    private final double[] lobeFrequency;
    private final double[] lobePhase;
    private final double lobeAmplitude;
    private final double[][] spiculeStart;
    private final double[][] spiculeEnd;
    private final double[] spiculeRadius0;
    private final double[] spiculeRadius1;
    private final double extent;

    NoduleShapeModel(double diameterMm, NoduleSpec.Shape shape, SplittableRandom rnd) {
        boolean lobulated = shape != NoduleSpec.Shape.SMOOTH;
        double amplitude = shape == NoduleSpec.Shape.LOBULATED ? LOBE_AMPLITUDE : LOBE_AMPLITUDE / 2;
        lobeAxes = new double[lobulated ? LOBES : 0][];
        lobeFrequency = new double[lobeAxes.length];
        lobePhase = new double[lobeAxes.length];
        for (int l = 0; l < lobeAxes.length; l++) {
            lobeAxes[l] = randomUnit(rnd);
            lobeFrequency[l] = 2 + rnd.nextInt(3);
            lobePhase[l] = rnd.nextDouble() * 2 * Math.PI;
        }
        this.lobeAmplitude = amplitude;
        // scale the unit body so that its volume equals the requested sphere's
        double meanCube = meanCubedUnitRadius();
        scale = diameterMm / 2 / Math.cbrt(meanCube);

        int spicules = shape == NoduleSpec.Shape.SPICULATED ? 8 + rnd.nextInt(7) : 0;
        spiculeStart = new double[spicules][];
        spiculeEnd = new double[spicules][];
        spiculeRadius0 = new double[spicules];
        spiculeRadius1 = new double[spicules];
        double maxReach = maxBodyRadius();
        for (int s = 0; s < spicules; s++) {
            double[] u = randomUnit(rnd);
            double r = bodyRadius(u);
            double length = (0.5 + 0.7 * rnd.nextDouble()) * diameterMm / 2 + 2;
            double[] bend = randomUnit(rnd);
            double[] dir = normalize(new double[] {u[0] + 0.25 * bend[0], u[1] + 0.25 * bend[1], u[2] + 0.25 * bend[2]});
            spiculeStart[s] = new double[] {u[0] * r * 0.7, u[1] * r * 0.7, u[2] * r * 0.7};
            spiculeEnd[s] = new double[] {u[0] * r + dir[0] * length, u[1] * r + dir[1] * length, u[2] * r + dir[2] * length};
            spiculeRadius0[s] = 0.5 + 0.03 * diameterMm;
            spiculeRadius1[s] = 0.15;
            maxReach = Math.max(maxReach, r + length + spiculeRadius0[s]);
        }
        extent = maxReach;
    }

    /** Largest distance from the centre that any part of the nodule reaches, mm. */
    double extent() {
        return extent;
    }

    /** Whether the offset (mm, LPS) from the centre lies inside the nodule. */
    boolean inside(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (r == 0) {
            return true;
        }
        if (r <= bodyRadius(new double[] {x / r, y / r, z / r})) {
            return true;
        }
        for (int s = 0; s < spiculeStart.length; s++) {
            if (inCapsule(x, y, z, s)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the offset lies inside the body scaled by {@code fraction} (the solid core of a part-solid nodule). */
    boolean insideCore(double x, double y, double z, double fraction) {
        double r = Math.sqrt(x * x + y * y + z * z);
        return r == 0 || r <= fraction * bodyRadius(new double[] {x / r, y / r, z / r});
    }

    private double bodyRadius(double[] u) {
        return scale * unitRadius(u);
    }

    private double unitRadius(double[] u) {
        double f = 1;
        for (int l = 0; l < lobeAxes.length; l++) {
            double t = u[0] * lobeAxes[l][0] + u[1] * lobeAxes[l][1] + u[2] * lobeAxes[l][2];
            f += lobeAmplitude / Math.sqrt(LOBES) * Math.sin(lobeFrequency[l] * Math.PI * t + lobePhase[l]);
        }
        return f;
    }

    private boolean inCapsule(double x, double y, double z, int s) {
        double[] a = spiculeStart[s];
        double[] b = spiculeEnd[s];
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double dz = b[2] - a[2];
        double len2 = dx * dx + dy * dy + dz * dz;
        double t = ((x - a[0]) * dx + (y - a[1]) * dy + (z - a[2]) * dz) / len2;
        t = Math.max(0, Math.min(1, t));
        double ex = x - a[0] - t * dx;
        double ey = y - a[1] - t * dy;
        double ez = z - a[2] - t * dz;
        double radius = spiculeRadius0[s] + t * (spiculeRadius1[s] - spiculeRadius0[s]);
        return ex * ex + ey * ey + ez * ez <= radius * radius;
    }

    /** Mean of R(u)^3 over the unit sphere (Fibonacci directions): volume = 4/3 pi mean(R^3). */
    private double meanCubedUnitRadius() {
        if (lobeAxes.length == 0) {
            return 1;
        }
        int n = 4000;
        double sum = 0;
        for (double[] u : SphereDirections.fibonacci(n)) {
            double r = unitRadius(u);
            sum += r * r * r;
        }
        return sum / n;
    }

    private double maxBodyRadius() {
        double max = 0;
        for (double[] u : SphereDirections.fibonacci(2000)) {
            max = Math.max(max, bodyRadius(u));
        }
        return max;
    }

    static double[] randomUnit(SplittableRandom rnd) {
        double z = 2 * rnd.nextDouble() - 1;
        double phi = 2 * Math.PI * rnd.nextDouble();
        double rho = Math.sqrt(1 - z * z);
        return new double[] {rho * Math.cos(phi), rho * Math.sin(phi), z};
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
