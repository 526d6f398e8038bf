package org.lungcad.model.geometry;

/** Nearly uniform unit directions, for sampling around a point (nodule shapes, phantom vessels, placement rays). */
public final class SphereDirections {

    private SphereDirections() {
    }

    /**
     * {@code n} unit vectors on a Fibonacci spiral: equal-area bands in z, successive points turned by the golden
     * angle, so any n gives an even cover without the clustering of latitude-longitude grids at the poles.
     */
    public static double[][] fibonacci(int n) {
        double[][] d = new double[n][];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int m = 0; m < n; m++) {
            double z = 1 - (2 * m + 1.0) / n;
            double rho = Math.sqrt(1 - z * z);
            d[m] = new double[] {rho * Math.cos(golden * m), rho * Math.sin(golden * m), z};
        }
        return d;
    }
}
