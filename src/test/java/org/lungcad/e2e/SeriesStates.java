package org.lungcad.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reading a series' entry of {@code GET /api/studies} the way an operator does. */
final class SeriesStates {

    /** LUNA16 reference of LIDC-IDRI-0001: centre (LPS, mm) and diameter. */
    static final double[] LUNA16_NODULE = {56.21, 86.34, -115.87};
    static final double LUNA16_DIAMETER_MM = 23.35;

    private SeriesStates() {
    }

    /** Nothing more happens to the series without new input or an operator. */
    static boolean isFinal(JsonNode series) {
        return List.of("SKIPPED", "FAILED", "DELIVERED").contains(series.path("state").asText());
    }

    /** Analysed (or given up on); with no destinations configured REPORTED is the end. */
    static boolean isSettled(JsonNode series) {
        return isFinal(series) || series.path("state").asText().equals("REPORTED");
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    static double[] lps(JsonNode array) {
        return new double[] {array.get(0).asDouble(), array.get(1).asDouble(), array.get(2).asDouble()};
    }
}
