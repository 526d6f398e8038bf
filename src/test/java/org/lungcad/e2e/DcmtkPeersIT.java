package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dcmtk as the independent SCU: association negotiation, compressed input, skip reasons, aborts. */
class DcmtkPeersIT {

    private static final String KNOWN_SCU = "STORESCU";

    @TempDir
    static Path tmp;

    private static LungCadProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        Tools.requireOnPath("storescu");
        node = LungCadProcess.start(tmp.resolve("node"), Tools.freePort(),
                "lungcad.dicom.allowed-calling-ae-titles=" + KNOWN_SCU + ",PACS",
                // the JPEG 2000 sample is 20 partial-body slices: let it through to prove it decodes
                "lungcad.series.qualification.min-slices=16",
                "lungcad.series.qualification.min-coverage-mm=0",
                "lungcad.series.qualification.body-parts-examined=",
                // JSON log lines (Spring Boot's ECS format), with the series as correlation id
                "logging.structured.format.console=ecs");
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void echoFromAKnownCallerSucceeds() throws Exception {
        Tools.Result echo = Tools.echoscu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort());
        assertThat(echo.exitCode()).as(echo.output()).isZero();
    }

    @Test
    void unknownCallingAeTitleIsRejected() throws Exception {
        Tools.Result echo = Tools.echoscu("INTRUDER", LungCadProcess.AE_TITLE, node.dicomPort());
        assertThat(echo.exitCode()).isNotZero();
        assertThat(echo.output()).contains("Association Rejected").containsIgnoringCase("Calling AE Title Not Recognized");
        // the refusal is in the audit trail with who and from where, and counted by reason
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(java.nio.file.Files.readAllLines(tmp.resolve("node/audit/audit.jsonl"))).anySatisfy(line -> {
            JsonNode e = json.readTree(line);
            assertThat(e.path("event").asText()).isEqualTo("association-rejected");
            assertThat(e.path("outcomeDescription").asText()).isEqualTo("calling-ae-title-not-recognized");
            assertThat(e.path("source").path("aeTitle").asText()).isEqualTo("INTRUDER");
            assertThat(e.path("source").path("address").asText()).startsWith("127.0.0.1:");
        });
        assertThat(node.prometheus()).contains(
                "lungcad_associations_rejected_total{reason=\"calling-ae-title-not-recognized\"} 1.0");
    }

    @Test
    void wrongCalledAeTitleIsRejected() throws Exception {
        Tools.Result echo = Tools.echoscu(KNOWN_SCU, "NOT_LUNGCAD", node.dicomPort());
        assertThat(echo.exitCode()).isNotZero();
        assertThat(echo.output()).contains("Association Rejected").containsIgnoringCase("Called AE Title Not Recognized");
    }

    @Test
    void jpeg2000CompressedCtIsReceivedAndDecoded() throws Exception {
        // the shared Siemens slices have empty SOP Class/Instance, Study and Series UIDs: restore them in copies
        // (dcmodify keeps the JPEG 2000 fragments as they are)
        Dicom.DerivedSeries j2k = Dicom.deriveSeries(SharedData.siemensJpeg2000(), tmp.resolve("j2k"),
                "(0020,000d)=" + Dicom.newUid(), "(0008,0016)=1.2.840.10008.5.1.4.1.1.2");
        assertThat(Dicom.transferSyntax(j2k.files().get(0))).isEqualTo("1.2.840.10008.1.2.4.90");
        Tools.Result sent = Tools.storescu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort(), j2k.files(),
                "--propose-j2k-lossless", "--required");
        assertThat(sent.exitCode()).as(sent.output()).isZero();

        JsonNode series = node.awaitSeries(j2k.seriesInstanceUid(),
                SeriesStates::isSettled, Duration.ofMinutes(3));
        assertThat(series.path("instances").asInt()).isEqualTo(20);
        // partial-body slices without lungs: analysed without a crash, nothing to report
        assertThat(series.path("state").asText()).as(series.toString()).isEqualTo("REPORTED");
        JsonNode volume = series.path("volume");
        assertThat(volume.path("columns").asInt()).isEqualTo(512);
        assertThat(volume.path("slices").asInt()).isEqualTo(20);
        assertThat(volume.path("spacingZMm").asDouble()).isEqualTo(2.0);
        assertThat(volume.path("huMin").asDouble()).isLessThan(-900);
        assertThat(volume.path("huMax").asDouble()).isGreaterThan(300);
    }

    @Test
    void instanceWithoutUidsGetsAFailureStatusNotSuccess() throws Exception {
        Path noUids = SharedData.siemensJpeg2000().get(0);
        Tools.Result sent = Tools.storescu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort(), List.of(noUids),
                "--no-halt");
        assertThat(sent.output()).doesNotContain("Received Store Response (Success)");
    }

    @Test
    void localizerIsSkippedWithAReason() throws Exception {
        Dicom.DerivedSeries scout = Dicom.deriveSeries(SharedData.lidcSeries().subList(0, 3), tmp.resolve("scout"),
                "(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER");
        Tools.Result sent = Tools.storescu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort(), scout.files());
        assertThat(sent.exitCode()).as(sent.output()).isZero();

        JsonNode series = node.awaitSeries(scout.seriesInstanceUid(), SeriesStates::isFinal, Duration.ofMinutes(1));
        assertThat(series.path("state").asText()).isEqualTo("SKIPPED");
        assertThat(series.path("reasonCode").asText()).isEqualTo("localizer");
        assertThat(series.path("reason").asText()).containsIgnoringCase("localizer");
    }

    @Test
    void mrImageIsSkippedWithAReason() throws Exception {
        Dicom.DerivedSeries mr = Dicom.deriveSeries(SharedData.lidcSeries().subList(0, 1), tmp.resolve("mr"),
                "(0008,0060)=MR");
        Tools.Result sent = Tools.storescu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort(), mr.files());
        assertThat(sent.exitCode()).as(sent.output()).isZero();

        JsonNode series = node.awaitSeries(mr.seriesInstanceUid(), SeriesStates::isFinal, Duration.ofMinutes(1));
        assertThat(series.path("state").asText()).isEqualTo("SKIPPED");
        assertThat(series.path("reasonCode").asText()).isEqualTo("not-ct-modality");
        assertThat(series.path("reason").asText()).contains("MR");
        // the log says it as JSON, correlated with the series
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(node.log().lines().filter(l -> l.startsWith("{"))).anySatisfy(line -> {
            JsonNode entry = json.readTree(line);
            assertThat(entry.path("message").asText()).startsWith("series " + mr.seriesInstanceUid() + " skipped");
            assertThat(entry.path("correlation").asText()).isEqualTo(mr.seriesInstanceUid());
            assertThat(entry.path("log").path("level").asText()).isEqualTo("INFO");
        });
    }

    @Test
    void abortedAssociationKeepsTheInstancesAlreadyAcknowledged() throws Exception {
        Dicom.DerivedSeries part = Dicom.deriveSeries(SharedData.lidcSeries().subList(40, 50), tmp.resolve("aborted"));
        Tools.Result sent = Tools.storescu(KNOWN_SCU, LungCadProcess.AE_TITLE, node.dicomPort(), part.files(), "--abort");
        assertThat(sent.output()).doesNotContain("Store Failed");

        JsonNode series = node.awaitSeries(part.seriesInstanceUid(), s -> s.path("instances").asInt() > 0
                && !s.path("state").asText().equals("RECEIVED"), Duration.ofMinutes(1));
        assertThat(series.path("instances").asInt()).isEqualTo(10);
        assertThat(series.path("state").asText()).isEqualTo("SKIPPED"); // 10 slices do not cover the lungs
        assertThat(series.path("reasonCode").asText()).isIn("too-few-slices", "insufficient-coverage");
    }
}
