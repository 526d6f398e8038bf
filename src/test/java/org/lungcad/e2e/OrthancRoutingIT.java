package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PACS (Orthanc) routes the LIDC-IDRI-0001 chest CT to the node, as a PACS admin would configure it. */
class OrthancRoutingIT {

    @Test
    void seriesRoutedByOrthancIsCompleteQualifiedAndLoaded(@TempDir Path tmp) throws Exception {
        List<Path> ct = SharedData.lidcSeries();
        int nodePort = Tools.freePort();
        try (LungCadProcess node = LungCadProcess.start(tmp.resolve("node"), nodePort);
             OrthancProcess pacs = OrthancProcess.start(tmp.resolve("orthanc"), nodePort)) {
            Set<String> orthancSeries = pacs.upload(ct);
            assertThat(orthancSeries).hasSize(1);
            String orthancId = orthancSeries.iterator().next();
            String seriesUid = pacs.get("/series/" + orthancId).path("MainDicomTags").path("SeriesInstanceUID").asText();

            JsonNode store = pacs.storeTo("lungcad", orthancId);
            assertThat(store.path("InstancesCount").asInt()).isEqualTo(133);
            assertThat(store.path("FailedInstancesCount").asInt()).isZero();

            JsonNode series = node.awaitSeries(seriesUid, OrthancRoutingIT::isSettled, Duration.ofMinutes(5));
            assertThat(series.path("state").asText()).isIn("REPORTED", "DELIVERED");
            assertThat(series.path("instances").asInt()).isEqualTo(133);
            assertThat(series.path("modality").asText()).isEqualTo("CT");
            JsonNode volume = series.path("volume");
            assertThat(volume.path("columns").asInt()).isEqualTo(512);
            assertThat(volume.path("rows").asInt()).isEqualTo(512);
            assertThat(volume.path("slices").asInt()).isEqualTo(133);
            assertThat(volume.path("spacingXMm").asDouble()).isCloseTo(0.703125, within(1e-4));
            assertThat(volume.path("spacingYMm").asDouble()).isCloseTo(0.703125, within(1e-4));
            assertThat(volume.path("spacingZMm").asDouble()).isCloseTo(2.5, within(1e-3));
            assertThat(volume.path("huMin").asDouble()).isBetween(-3100.0, -1000.0);
            assertThat(volume.path("huMax").asDouble()).isGreaterThan(1000.0);
            // the LUNA16 reference nodule (23.35 mm) is among the findings: centre within its radius
            assertThat(series.path("findings")).anySatisfy(f -> assertThat(distance(f.path("centerLpsMm"),
                    LUNA16_NODULE)).isLessThan(23.35 / 2));
            assertThat(series.path("algorithm").asText()).startsWith("LungCAD Nodule Detector");
            assertThat(node.get("/actuator/health").path("components").path("dicom").path("status").asText()).isEqualTo("UP");
        }
    }

    static final double[] LUNA16_NODULE = {56.21, 86.34, -115.87};

    static double distance(JsonNode lps, double[] p) {
        double dx = lps.get(0).asDouble() - p[0];
        double dy = lps.get(1).asDouble() - p[1];
        double dz = lps.get(2).asDouble() - p[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** Analysed (or given up on): nothing more happens to the series without new input. */
    static boolean isSettled(JsonNode series) {
        return isFinal(series) || series.path("state").asText().equals("REPORTED");
    }

    static boolean isFinal(JsonNode series) {
        return List.of("SKIPPED", "FAILED", "DELIVERED").contains(series.path("state").asText());
    }
}
