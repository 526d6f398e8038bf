package org.lungcad.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.delivery.DeliveryStatus;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    private static final Instant T = Instant.parse("2026-12-08T08:00:00Z");

    @Test
    void showsEachSeriesWithStateReasonFindingsTimingsDeliveryAndThumbnails() {
        FindingSummary nodule = new FindingSummary("Nodule 1", new double[] {1, 2, 3}, 25, 22, 24.2, 6000, -20,
                "SOLID", "LEFT_LOWER", 0.96, 0.4, List.of(), "4B");
        SeriesJob reported = job("1.2.3.4", JobState.DELIVERED, null, null, List.of(nodule), "/data/results/1.2.3.4/g1");
        SeriesJob skipped = job("1.2.3.5", JobState.SKIPPED, "not-ct-modality", "modality <MR> & co", null, null);

        String html = StatusPage.render(new StatusPage.Model("LUNGCAD", 11112, 1, "accepting (0 of at most 100 series"
                + " waiting)", 0, "UP", Map.of("detector", "UP"), Map.of(JobState.DELIVERED, 1L), List.of(
                new StatusPage.Row(reported, List.of(new DeliveryStatus("PACS@127.0.0.1:4242",
                        DeliveryStatus.State.DELIVERED, 1, null, T)), List.of("nodule-1")),
                new StatusPage.Row(skipped, List.of(), List.of())), "LungCAD Nodule Detector 0.1.0", T, ZoneOffset.UTC));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta http-equiv=\"refresh\" content=\"30\">")
                .contains("not a diagnosis").contains("<th>detector</th><td class=\"UP\">UP</td>")
                .contains("<tr data-series=\"1.2.3.4\">").contains(">DELIVERED<").contains("1 finding(s)")
                .contains("Nodule 1: 24.2 mm SOLID, LEFT_LOWER, Lung-RADS 4B")
                .contains("<img class=\"thumbnail\" alt=\"nodule-1\" src=\"/status/series/1.2.3.4/nodule-1.png\"")
                .contains("PACS@127.0.0.1:4242: <span class=\"DELIVERED\">DELIVERED</span>")
                .contains("1.2 s<br><span class=\"note\">qualify 200 ms<br>detect.candidates 1000 ms</span>");
        // what a sender put into a reason cannot become markup
        assertThat(html).contains("<b>not-ct-modality</b>: modality &lt;MR&gt; &amp; co").doesNotContain("<MR>");
    }

    @Test
    void anEmptyNodeSaysSo() {
        String html = StatusPage.render(new StatusPage.Model("LUNGCAD", 11112, 0, "accepting", 0, "UP", Map.of(),
                Map.of(), List.of(), "LungCAD Nodule Detector 0.1.0", T, ZoneOffset.UTC));
        assertThat(html).contains("no series received yet");
    }

    private static SeriesJob job(String series, JobState state, String code, String detail,
                                 List<FindingSummary> findings, String results) {
        return new SeriesJob(1, "1.2.3", series, "CT", 133, 1, state, code, detail, T, T, T, T, null, null, findings,
                results, null, List.of(new StageTiming("qualify", 200), new StageTiming("detect.candidates", 1000)));
    }
}
