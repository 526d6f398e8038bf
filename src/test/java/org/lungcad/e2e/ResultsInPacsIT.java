package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop: a real PACS routes the CT to the node and gets the SR and SC series back in the same study. */
class ResultsInPacsIT {

    private static final String OPERATOR_PASSWORD = "it-secret";

    @TempDir
    Path tmp;

    @Test
    void orthancReceivesReportAndMarksInTheSameStudyAndTheReportShowsTheLuna16Nodule() throws Exception {
        List<Path> ct = SharedData.lidcSeries();
        int nodePort = Tools.freePort();
        int pacsPort = Tools.freePort();
        try (LungCadProcess node = LungCadProcess.start(tmp.resolve("node"), nodePort, destination(pacsPort));
             OrthancProcess pacs = OrthancProcess.start(tmp.resolve("orthanc"), nodePort, pacsPort)) {
            String orthancSeries = pacs.upload(ct).iterator().next();
            JsonNode ctSeries = pacs.get("/series/" + orthancSeries);
            String seriesUid = ctSeries.path("MainDicomTags").path("SeriesInstanceUID").asText();
            String orthancStudy = ctSeries.path("ParentStudy").asText();

            pacs.storeTo("lungcad", orthancSeries);
            long acknowledged = System.nanoTime(); // the synchronous store returns after the last C-STORE response
            JsonNode series = node.awaitSeries(seriesUid, s -> OrthancRoutingIT.isFinal(s), Duration.ofMinutes(5));
            assertThat(series.path("state").asText()).as(series.toString()).isEqualTo("DELIVERED");
            String reportUid = series.path("reportSopInstanceUid").asText();
            String reportId = pacs.lookup(reportUid).orElseThrow();
            System.out.printf("turnaround (last CT instance acknowledged -> results delivered): %.1f s%n",
                    (System.nanoTime() - acknowledged) / 1e9);

            // same study: the CT, the SR series and the Secondary Capture series
            List<String> modalities = new ArrayList<>();
            for (JsonNode s : pacs.get("/studies/" + orthancStudy + "/series")) {
                modalities.add(s.path("MainDicomTags").path("Modality").asText());
            }
            assertThat(modalities).containsExactlyInAnyOrder("CT", "SR", "OT");
            assertThat(pacs.get("/instances/" + reportId).path("ParentSeries").asText()).isNotEqualTo(orthancSeries);

            Path sr = pacs.download(reportId, tmp.resolve("report.dcm"));
            List<ReportReader.MarkedFinding> marks = ReportReader.findings(sr, ct);
            assertThat(marks).isNotEmpty().anySatisfy(m -> assertThat(distance(m.centreLps(),
                    OrthancRoutingIT.LUNA16_NODULE)).isLessThan(23.35 / 2));
            assertThat(ReportReader.text(sr)).contains("UNVERIFIED").contains("LungCAD");

            // re-sending needs the operator's login and reuses the SOP Instance UIDs (nothing new in the PACS)
            int instancesBefore = pacs.get("/studies/" + orthancStudy + "/instances").size();
            String study = pacs.get("/studies/" + orthancStudy).path("MainDicomTags").path("StudyInstanceUID").asText();
            String resend = "/api/studies/" + study + "/series/" + seriesUid + "/resend";
            assertThat(node.post(resend, null, null)).isEqualTo(401);
            assertThat(node.post(resend, "operator", OPERATOR_PASSWORD)).isEqualTo(202);
            node.awaitSeries(seriesUid, s -> s.path("state").asText().equals("DELIVERED")
                    && s.path("deliveries").get(0).path("attempts").asInt() == 1, Duration.ofMinutes(1));
            assertThat(pacs.get("/studies/" + orthancStudy + "/instances").size()).isEqualTo(instancesBefore);
        }
    }

    @Test
    void resultsReachAPacsThatWasDownWithoutAnyManualStep() throws Exception {
        List<Path> ct = SharedData.lidcSeries();
        String seriesUid = Dicom.seriesInstanceUid(ct.get(0));
        int nodePort = Tools.freePort();
        int pacsPort = Tools.freePort();
        List<String> properties = new ArrayList<>(List.of(destination(pacsPort)));
        properties.addAll(List.of("lungcad.delivery.initial-backoff=1s", "lungcad.delivery.multiplier=1.5",
                "lungcad.delivery.max-backoff=3s", "lungcad.delivery.max-attempts=100"));
        try (LungCadProcess node = LungCadProcess.start(tmp.resolve("node"), nodePort,
                properties.toArray(String[]::new))) {
            Tools.Result sent = Tools.storescu("PACS", LungCadProcess.AE_TITLE, nodePort, ct);
            assertThat(sent.exitCode()).as(sent.output()).isZero();

            // the PACS is down: the node keeps the results and shows why they are not delivered yet
            JsonNode waiting = node.awaitSeries(seriesUid, s -> s.path("deliveries").size() == 1
                    && s.path("deliveries").get(0).path("attempts").asInt() >= 2, Duration.ofMinutes(5));
            assertThat(waiting.path("state").asText()).isEqualTo("REPORTED");
            assertThat(waiting.path("deliveries").get(0).path("state").asText()).isEqualTo("PENDING");
            assertThat(waiting.path("deliveries").get(0).path("lastError").asText()).isNotBlank();

            try (OrthancProcess pacs = OrthancProcess.start(tmp.resolve("orthanc"), nodePort, pacsPort)) {
                JsonNode delivered = node.awaitSeries(seriesUid, s -> s.path("state").asText().equals("DELIVERED"),
                        Duration.ofMinutes(2));
                Optional<String> report = pacs.lookup(delivered.path("reportSopInstanceUid").asText());
                assertThat(report).isPresent();
                assertThat(pacs.get("/instances/" + report.get()).path("MainDicomTags").path("SOPInstanceUID").asText())
                        .isEqualTo(delivered.path("reportSopInstanceUid").asText());
            }
        }
    }

    private static String[] destination(int pacsPort) {
        return new String[] {
            "lungcad.destinations[0].ae-title=" + OrthancProcess.AE_TITLE,
            "lungcad.destinations[0].host=127.0.0.1",
            "lungcad.destinations[0].port=" + pacsPort,
            "lungcad.api.operator-password=" + OPERATOR_PASSWORD};
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
