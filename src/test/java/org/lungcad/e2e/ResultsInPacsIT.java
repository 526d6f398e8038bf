package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop against a real PACS (Orthanc): it routes LIDC-IDRI-0001 to the node and gets the TID 1500 report
 * and the Secondary Capture series back into the same study.
 */
class ResultsInPacsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void pacsRoutesTheCtAndReceivesReportAndMarksInTheSameStudy() throws Exception {
        List<Path> ct = SharedData.lidcSeries();
        int nodePort = Tools.freePort();
        int pacsPort = Tools.freePort();
        try (LungCadProcess node = LungCadProcess.start(tmp.resolve("node"), nodePort, destination(pacsPort));
             OrthancProcess pacs = OrthancProcess.start(tmp.resolve("orthanc"), nodePort, pacsPort)) {
            String orthancSeries = pacs.upload(ct).iterator().next();
            JsonNode ctSeries = pacs.get("/series/" + orthancSeries);
            String seriesUid = ctSeries.path("MainDicomTags").path("SeriesInstanceUID").asText();
            String orthancStudy = ctSeries.path("ParentStudy").asText();

            JsonNode store = pacs.storeTo("lungcad", orthancSeries);
            long acknowledged = System.nanoTime(); // the synchronous store returns after the last C-STORE response
            assertThat(store.path("InstancesCount").asInt()).isEqualTo(133);
            assertThat(store.path("FailedInstancesCount").asInt()).isZero();

            JsonNode series = node.awaitSeries(seriesUid, SeriesStates::isFinal, Duration.ofMinutes(5));
            assertThat(series.path("state").asText()).as(series.toString()).isEqualTo("DELIVERED");
            System.out.printf("turnaround (last CT instance acknowledged -> results delivered): %.1f s%n",
                    (System.nanoTime() - acknowledged) / 1e9);

            // the node saw the whole series, qualified and loaded it with the right geometry
            assertThat(series.path("instances").asInt()).isEqualTo(133);
            assertThat(series.path("modality").asText()).isEqualTo("CT");
            JsonNode volume = series.path("volume");
            assertThat(volume.path("columns").asInt()).isEqualTo(512);
            assertThat(volume.path("rows").asInt()).isEqualTo(512);
            assertThat(volume.path("slices").asInt()).isEqualTo(133);
            assertThat(volume.path("spacingXMm").asDouble()).isCloseTo(0.703125, within(1e-4));
            assertThat(volume.path("spacingYMm").asDouble()).isCloseTo(0.703125, within(1e-4));
            assertThat(volume.path("spacingZMm").asDouble()).isCloseTo(2.5, within(1e-3));
            assertThat(volume.path("huMin").asDouble()).isBetween(-1100.0, -1000.0);
            assertThat(volume.path("huMax").asDouble()).isGreaterThan(1000.0);
            assertThat(series.path("algorithm").asText()).startsWith("LungCAD Nodule Detector");
            assertThat(series.path("findings")).anySatisfy(f -> assertThat(SeriesStates.distance(
                    SeriesStates.lps(f.path("centerLpsMm")), SeriesStates.LUNA16_NODULE))
                    .isLessThan(SeriesStates.LUNA16_DIAMETER_MM / 2));
            JsonNode health = node.get("/actuator/health").path("components");
            assertThat(health.path("dicom").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("detector").path("status").asText()).isEqualTo("UP");
            // the free-space check watches the storage directory, not the working directory
            assertThat(health.path("diskSpace").path("details").path("path").asText())
                    .isEqualTo(tmp.resolve("node").toAbsolutePath().toString());
            assertThat(node.get("/actuator/health/readiness").path("status").asText()).isEqualTo("UP");
            // the learned stage's model, with its checksum, in /actuator/info and on the series
            // the build: version and the git commit it was built from
            JsonNode info = node.get("/actuator/info");
            assertThat(info.path("build").path("version").asText()).isNotBlank();
            assertThat(info.path("git").path("commit").path("id").asText()).matches("[0-9a-f]{7,40}");
            JsonNode model = info.path("detector").path("learnedModel");
            assertThat(model.path("name").asText()).isEqualTo("lungcad-nodule-fpr");
            assertThat(model.path("weightsFormat").asText()).isEqualTo("djl");
            String sha = model.path("sha256").asText();
            assertThat(sha).hasSize(64);
            String modelParameter = "model=lungcad-nodule-fpr " + model.path("version").asText() + " sha256:" + sha;
            assertThat(series.path("algorithm").asText()).contains(modelParameter);

            // the PACS holds, in the same study, the CT, the SR series and the Secondary Capture series
            List<String> modalities = new ArrayList<>();
            for (JsonNode s : pacs.get("/studies/" + orthancStudy + "/series")) {
                modalities.add(s.path("MainDicomTags").path("Modality").asText());
            }
            assertThat(modalities).containsExactlyInAnyOrder("CT", "SR", "OT");

            // the SR, fetched back from the PACS, marks the LUNA16 nodule within its radius
            String reportId = pacs.lookup(series.path("reportSopInstanceUid").asText()).orElseThrow();
            Path sr = pacs.download(reportId, tmp.resolve("report.dcm"));
            List<ReportReader.MarkedFinding> marks = ReportReader.findings(sr, ct);
            assertThat(marks).isNotEmpty().anySatisfy(m -> assertThat(SeriesStates.distance(m.centreLps(),
                    SeriesStates.LUNA16_NODULE)).isLessThan(SeriesStates.LUNA16_DIAMETER_MM / 2));
            assertThat(ReportReader.text(sr)).contains("UNVERIFIED").contains("LungCAD").contains(modelParameter);

            // the status page, in the real Chromium, behind the reader's login: the study, its state, the finding's
            // thumbnail loaded; the screenshot stays in target/ as the test's artefact
            String page = "http://" + LungCadProcess.READER + ":" + LungCadProcess.READER_PASSWORD + "@127.0.0.1:"
                    + node.httpPort() + "/status";
            String dom = Chromium.dumpDom(page, tmp.resolve("chromium-profile"));
            String row = dom.substring(dom.indexOf("<tr data-series=\"" + seriesUid + "\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).contains(pacs.get("/studies/" + orthancStudy).path("MainDicomTags").path("StudyInstanceUID")
                            .asText())
                    .contains(">DELIVERED<").contains("1 finding(s)").contains("Nodule 1: ");
            assertThat(row).containsPattern("<img class=\"thumbnail\" alt=\"nodule-1\"[^>]*data-loaded=\"true\"");
            assertThat(dom).contains("not a diagnosis");
            Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
            Chromium.screenshot(page, tmp.resolve("chromium-profile-2"), screenshot);
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
            String unauthenticated = Chromium.dumpDom("http://127.0.0.1:" + node.httpPort() + "/status",
                    tmp.resolve("chromium-profile-3"));
            assertThat(unauthenticated).doesNotContain(seriesUid);

            // re-sending needs the operator's login and reuses the SOP Instance UIDs (nothing new in the PACS)
            int instancesBefore = pacs.get("/studies/" + orthancStudy + "/instances").size();
            String study = pacs.get("/studies/" + orthancStudy).path("MainDicomTags").path("StudyInstanceUID").asText();
            String resend = "/api/studies/" + study + "/series/" + seriesUid + "/resend";
            assertThat(node.post(resend, null, null)).isEqualTo(401);
            assertThat(node.post(resend, LungCadProcess.OPERATOR, "wrong")).isEqualTo(401);
            assertThat(node.post(resend, LungCadProcess.READER, LungCadProcess.READER_PASSWORD)).isEqualTo(403);
            // patient data (ages, findings) only after login
            assertThat(node.getStatus("/api/studies", null, null)).isEqualTo(401);
            assertThat(node.getStatus("/api/status", null, null)).isEqualTo(200);
            assertThat(node.post(resend, LungCadProcess.OPERATOR, LungCadProcess.OPERATOR_PASSWORD)).isEqualTo(202);
            node.awaitSeries(seriesUid, s -> s.path("state").asText().equals("DELIVERED")
                    && s.path("deliveries").get(0).path("attempts").asInt() == 1, Duration.ofMinutes(1));
            assertThat(pacs.get("/studies/" + orthancStudy + "/instances").size()).isEqualTo(instancesBefore);

            // the audit trail, read back: who sent what from where, what was decided and sent where, who read what
            String patientId = pacs.get("/studies/" + orthancStudy).path("PatientMainDicomTags").path("PatientID")
                    .asText();
            Path trail = tmp.resolve("node/audit/audit.jsonl");
            List<JsonNode> audit = new ArrayList<>();
            for (String line : Files.readAllLines(trail)) {
                audit.add(JSON.readTree(line));
            }
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("association-accepted");
                assertThat(e.path("source").path("aeTitle").asText()).isEqualTo(OrthancProcess.AE_TITLE);
                assertThat(e.path("source").path("address").asText()).startsWith("127.0.0.1:");
                assertThat(e.path("destination").path("aeTitle").asText()).isEqualTo(LungCadProcess.AE_TITLE);
            });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("instances-received");
                assertThat(e.path("eventId").asText()).isEqualTo("DCM 110104 DICOM Instances Transferred");
                assertThat(e.path("series").asText()).isEqualTo(seriesUid);
                assertThat(e.path("study").asText()).isEqualTo(study);
                assertThat(e.path("instances").asInt()).isEqualTo(133);
                assertThat(e.path("source").path("aeTitle").asText()).isEqualTo(OrthancProcess.AE_TITLE);
            });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("series-decision");
                assertThat(e.path("series").asText()).isEqualTo(seriesUid);
                assertThat(e.path("outcomeDescription").asText()).startsWith("reported: ");
            });
            assertThat(audit).filteredOn(e -> e.path("event").asText().equals("results-sent")).hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.path("outcome").asInt()).isZero();
                        assertThat(e.path("destination").path("address").asText()).isEqualTo("127.0.0.1:" + pacsPort);
                        assertThat(e.path("series").asText()).isEqualTo(seriesUid);
                    });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("patient-data-read");
                assertThat(e.path("user").asText()).isEqualTo(LungCadProcess.READER);
            });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("login-failed");
                assertThat(e.path("user").asText()).isEqualTo(LungCadProcess.OPERATOR);
            });
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.path("event").asText()).isEqualTo("rest-write");
                assertThat(e.path("user").asText()).isEqualTo(LungCadProcess.OPERATOR);
                assertThat(e.path("request").asText()).isEqualTo("POST " + resend);
                assertThat(e.path("status").asInt()).isEqualTo(202);
            });
            assertThat(patientId).isNotBlank();
            assertThat(Files.readString(trail)).as("no patient identity in the trail").doesNotContain(patientId);
        }
    }

    @Test
    void lateInstancesReopenTheSeriesAndTheNewReportSupersedesTheOldInTheSameResultsSeries() throws Exception {
        List<Path> ct = Dicom.sortedByZ(SharedData.lidcSeries());
        String seriesUid = Dicom.seriesInstanceUid(ct.get(0));
        int nodePort = Tools.freePort();
        int pacsPort = Tools.freePort();
        try (LungCadProcess node = LungCadProcess.start(tmp.resolve("node"), nodePort, destination(pacsPort));
             OrthancProcess pacs = OrthancProcess.start(tmp.resolve("orthanc"), nodePort, pacsPort)) {
            // the last 8 slices (the top of the scan) arrive after the quiet period: the first analysis sees 125
            Tools.Result first = Tools.storescu("PACS", LungCadProcess.AE_TITLE, nodePort, ct.subList(0, 125));
            assertThat(first.exitCode()).as(first.output()).isZero();
            JsonNode before = node.awaitSeries(seriesUid, SeriesStates::isFinal, Duration.ofMinutes(5));
            assertThat(before.path("state").asText()).as(before.toString()).isEqualTo("DELIVERED");
            assertThat(before.path("generation").asInt()).isEqualTo(1);

            Tools.Result late = Tools.storescu("PACS", LungCadProcess.AE_TITLE, nodePort, ct.subList(125, 133));
            assertThat(late.exitCode()).as(late.output()).isZero();
            JsonNode after = node.awaitSeries(seriesUid, s -> s.path("generation").asInt() == 2
                    && SeriesStates.isFinal(s), Duration.ofMinutes(5));
            assertThat(after.path("state").asText()).isEqualTo("DELIVERED");
            assertThat(after.path("instances").asInt()).isEqualTo(133);
            assertThat(after.path("volume").path("slices").asInt()).isEqualTo(133);

            // one results series holding both reports; the newer has the higher instance number
            String oldReport = pacs.lookup(before.path("reportSopInstanceUid").asText()).orElseThrow();
            String newReport = pacs.lookup(after.path("reportSopInstanceUid").asText()).orElseThrow();
            assertThat(newReport).isNotEqualTo(oldReport);
            JsonNode oldInstance = pacs.get("/instances/" + oldReport);
            JsonNode newInstance = pacs.get("/instances/" + newReport);
            assertThat(newInstance.path("ParentSeries").asText()).isEqualTo(oldInstance.path("ParentSeries").asText());
            assertThat(newInstance.path("MainDicomTags").path("InstanceNumber").asText()).isEqualTo("2");
            assertThat(oldInstance.path("MainDicomTags").path("InstanceNumber").asText()).isEqualTo("1");
            long srSeries = 0;
            String study = pacs.get("/series/" + oldInstance.path("ParentSeries").asText()).path("ParentStudy").asText();
            for (JsonNode s : pacs.get("/studies/" + study + "/series")) {
                srSeries += s.path("MainDicomTags").path("Modality").asText().equals("SR") ? 1 : 0;
            }
            assertThat(srSeries).isEqualTo(1);
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
            }
        }
    }

    private static String[] destination(int pacsPort) {
        return new String[] {
            "lungcad.destinations[0].ae-title=" + OrthancProcess.AE_TITLE,
            "lungcad.destinations[0].host=127.0.0.1",
            "lungcad.destinations[0].port=" + pacsPort};
    }
}
