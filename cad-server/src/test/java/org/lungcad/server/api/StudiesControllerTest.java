package org.lungcad.server.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import org.lungcad.server.delivery.DeliveryStatus;
import org.lungcad.server.delivery.ResultDelivery;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What hospital IT reads in {@code /api/studies}; who may call it is SecurityConfigurationTest's business. */
@WebMvcTest(StudiesController.class)
@AutoConfigureMockMvc(addFilters = false)
class StudiesControllerTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    JobRepository jobs;
    @MockitoBean
    ResultDelivery delivery;

    @Test
    void seriesOfAStudyShowStateSkipReasonVolumeTimingsFindingsAndDeliveries() throws Exception {
        SeriesJob analysed = analysed(STUDY + ".2", JobState.DELIVERED);
        SeriesJob skipped = job(7, STUDY, STUDY + ".3", JobState.SKIPPED, "not-ct-modality", "Modality MR is not one of CT",
                null, null, null, List.of(new StageTiming("qualify", 3)));
        when(jobs.findAll(500)).thenReturn(List.of(analysed, skipped));
        when(delivery.status(analysed)).thenReturn(List.of(
                new DeliveryStatus("PACS@10.0.0.5:104", DeliveryStatus.State.DELIVERED, 2, null, T0.plusSeconds(90))));

        mvc.perform(get("/api/studies"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].studyInstanceUid").value(STUDY))
                .andExpect(jsonPath("$[0].series.length()").value(2))
                .andExpect(jsonPath("$[0].series[0].seriesInstanceUid").value(STUDY + ".2"))
                .andExpect(jsonPath("$[0].series[0].state").value("DELIVERED"))
                .andExpect(jsonPath("$[0].series[0].instances").value(133))
                .andExpect(jsonPath("$[0].series[0].completedAt").value("2026-11-21T08:00:25Z"))
                .andExpect(jsonPath("$[0].series[0].volume.slices").value(133))
                .andExpect(jsonPath("$[0].series[0].volume.spacingZMm").value(2.5))
                .andExpect(jsonPath("$[0].series[0].algorithm").value("LungCAD Nodule Detector 0.1.0"))
                .andExpect(jsonPath("$[0].series[0].findings[0].id").value("Nodule 1"))
                .andExpect(jsonPath("$[0].series[0].findings[0].meanDiameterMm").value(22.2))
                .andExpect(jsonPath("$[0].series[0].findings[0].lungRads").value("4B"))
                .andExpect(jsonPath("$[0].series[0].findings[0].centerLpsMm[2]").value(-115.9))
                .andExpect(jsonPath("$[0].series[0].reportSopInstanceUid").value(STUDY + ".2.9"))
                .andExpect(jsonPath("$[0].series[0].timingsMs[1].stage").value("detect"))
                .andExpect(jsonPath("$[0].series[0].timingsMs[1].millis").value(4100))
                .andExpect(jsonPath("$[0].series[0].deliveries[0].destination").value("PACS@10.0.0.5:104"))
                .andExpect(jsonPath("$[0].series[0].deliveries[0].state").value("DELIVERED"))
                .andExpect(jsonPath("$[0].series[0].deliveries[0].attempts").value(2))
                // no reason on a series that went well: absent, not null
                .andExpect(jsonPath("$[0].series[0].reason").doesNotExist())
                .andExpect(jsonPath("$[0].series[1].state").value("SKIPPED"))
                .andExpect(jsonPath("$[0].series[1].reasonCode").value("not-ct-modality"))
                .andExpect(jsonPath("$[0].series[1].reason").value("Modality MR is not one of CT"))
                .andExpect(jsonPath("$[0].series[1].timingsMs[0].stage").value("qualify"))
                .andExpect(jsonPath("$[0].series[1].findings").doesNotExist())
                .andExpect(jsonPath("$[0].series[1].deliveries").isEmpty());
    }

    @Test
    void seriesAreGroupedByStudyInTheOrderTheRepositoryGivesThem() throws Exception {
        String other = "1.2.826.0.1.3680043.8.498.77";
        when(jobs.findAll(500)).thenReturn(List.of(analysed(STUDY + ".2", JobState.REPORTED),
                analysed(other, other + ".1", JobState.ANALYSING), analysed(STUDY + ".4", JobState.FAILED)));

        mvc.perform(get("/api/studies"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].studyInstanceUid").value(Matchers.contains(STUDY, other)))
                .andExpect(jsonPath("$[0].series[*].state").value(Matchers.contains("REPORTED", "FAILED")))
                .andExpect(jsonPath("$[1].series[*].state").value(Matchers.contains("ANALYSING")));
    }

    @Test
    void limitIsKeptBetweenOneAndTenThousandSeries() throws Exception {
        mvc.perform(get("/api/studies").param("limit", "0")).andExpect(status().isOk());
        mvc.perform(get("/api/studies").param("limit", "1000000")).andExpect(status().isOk());
        mvc.perform(get("/api/studies").param("limit", "abc")).andExpect(status().isBadRequest());

        verify(jobs).findAll(1);
        verify(jobs).findAll(10_000);
    }

    @Test
    void oneSeriesIsFoundByStudyAndSeriesUid() throws Exception {
        SeriesJob job = analysed(STUDY + ".2", JobState.REPORTED);
        when(jobs.findBySeries(STUDY + ".2")).thenReturn(Optional.of(job));

        mvc.perform(get("/api/studies/{study}/series/{series}", STUDY, STUDY + ".2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seriesInstanceUid").value(STUDY + ".2"))
                .andExpect(jsonPath("$.state").value("REPORTED"))
                .andExpect(jsonPath("$.generation").value(1));
    }

    @Test
    void unknownSeriesOrASeriesOfAnotherStudyIs404() throws Exception {
        when(jobs.findBySeries(STUDY + ".2")).thenReturn(Optional.of(analysed(STUDY + ".2", JobState.REPORTED)));

        mvc.perform(get("/api/studies/{study}/series/{series}", STUDY, "9.9.9"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/studies/{study}/series/{series}", "9.9", STUDY + ".2"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/studies/{study}/series/{series}/resend", STUDY, "9.9.9"))
                .andExpect(status().isNotFound());
        verify(delivery, never()).resend(any());
    }

    @Test
    void resendIsAcceptedAndAnswersWithTheSeriesAsItNowIs() throws Exception {
        SeriesJob failed = job(5, STUDY, STUDY + ".2", JobState.FAILED, "delivery-failed",
                "results not delivered to PACS@10.0.0.5:104 after 8 attempts: Connection refused", "/data/results/x",
                null, null, List.of());
        SeriesJob reported = analysed(STUDY + ".2", JobState.REPORTED);
        when(jobs.findBySeries(STUDY + ".2")).thenReturn(Optional.of(failed), Optional.of(reported));
        when(delivery.hasDestinations()).thenReturn(true);

        mvc.perform(post("/api/studies/{study}/series/{series}/resend", STUDY, STUDY + ".2"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("REPORTED"))
                .andExpect(jsonPath("$.reasonCode").doesNotExist());
        verify(delivery).resend(failed);
    }

    @Test
    void resendWithoutResultsOrWithoutDestinationsIsAConflict() throws Exception {
        SeriesJob analysing = job(6, STUDY, STUDY + ".5", JobState.ANALYSING, null, null, null, null, null, List.of());
        when(jobs.findBySeries(STUDY + ".5")).thenReturn(Optional.of(analysing));
        when(jobs.findBySeries(STUDY + ".2")).thenReturn(Optional.of(analysed(STUDY + ".2", JobState.FAILED)));
        when(delivery.hasDestinations()).thenReturn(false);

        mvc.perform(post("/api/studies/{study}/series/{series}/resend", STUDY, STUDY + ".5"))
                .andExpect(status().isConflict())
                .andExpect(status().reason("the series has no results yet (state ANALYSING)"));
        mvc.perform(post("/api/studies/{study}/series/{series}/resend", STUDY, STUDY + ".2"))
                .andExpect(status().isConflict())
                .andExpect(status().reason("no destinations are configured (lungcad.destinations)"));
        verify(delivery, never()).resend(any());
    }

    private static SeriesJob analysed(String series, JobState state) {
        return analysed(STUDY, series, state);
    }

    private static SeriesJob analysed(String study, String series, JobState state) {
        FindingSummary nodule = new FindingSummary("Nodule 1", new double[] {56.2, 86.3, -115.9}, 24.1, 20.3, 22.2,
                5400, 35, "SOLID", "LEFT_UPPER", 0.93, 0.41,
                List.of(new FindingSummary.Factor("size", "24.1 mm", 1.9)), "4B");
        return job(3, study, series, state, null, null, "/data/results/" + series,
                new VolumeSummary(512, 512, 133, 0.703125, 0.703125, 2.5, -1024, 3071), List.of(nodule),
                List.of(new StageTiming("load", 900), new StageTiming("detect", 4100)));
    }

    private static SeriesJob job(long id, String study, String series, JobState state, String reasonCode, String reason,
                                 String resultsDir, VolumeSummary volume, List<FindingSummary> findings,
                                 List<StageTiming> timings) {
        return new SeriesJob(id, study, series, "CT", 133, 1, state, reasonCode, reason, T0, T0.plusSeconds(20),
                T0.plusSeconds(25), T0.plusSeconds(30), volume, findings == null ? null : "LungCAD Nodule Detector 0.1.0",
                findings, resultsDir, resultsDir == null ? null : series + ".9", timings);
    }
}
