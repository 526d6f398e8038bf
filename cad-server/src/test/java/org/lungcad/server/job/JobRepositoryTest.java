package org.lungcad.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.lungcad.server.analysis.FindingSummary;
import org.lungcad.server.analysis.StageTiming;
import org.lungcad.server.analysis.VolumeSummary;
import org.lungcad.server.config.ClockConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

@JdbcTest
@Import({JobRepository.class, ClockConfiguration.class})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
class JobRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Autowired
    JobRepository jobs;

    @Test
    void completedSeriesBecomesAReceivedJob() {
        SeriesJob job = jobs.recordCompleted("1.2.3", "1.2.3.4", "CT", 133, T0, T0.plusSeconds(20), T0.plusSeconds(25));

        assertThat(job.state()).isEqualTo(JobState.RECEIVED);
        assertThat(job.generation()).isEqualTo(1);
        assertThat(job.instanceCount()).isEqualTo(133);
        assertThat(job.firstReceivedAt()).isEqualTo(T0);
        assertThat(job.completedAt()).isEqualTo(T0.plusSeconds(25));
        assertThat(jobs.findByStates(EnumSet.of(JobState.RECEIVED))).extracting(SeriesJob::seriesInstanceUid)
                .containsExactly("1.2.3.4");
    }

    @Test
    void reopenedSeriesStartsANewGenerationOfTheSameJobAndFencesTheOldOne() {
        SeriesJob first = jobs.recordCompleted("1.2.3", "1.2.3.5", "CT", 100, T0, T0, T0);
        jobs.transition(first.id(), 1, JobState.QUALIFIED, null, null);
        jobs.recordVolume(first.id(), 1, new VolumeSummary(512, 512, 100, 0.7, 0.7, 2.5, -1024, 3000));
        jobs.recordTiming(first.id(), 1, new StageTiming("qualify", 12));

        SeriesJob second = jobs.recordCompleted("1.2.3", "1.2.3.5", "CT", 133, T0, T0.plusSeconds(60), T0.plusSeconds(65));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.generation()).isEqualTo(2);
        assertThat(second.state()).isEqualTo(JobState.RECEIVED);
        assertThat(second.instanceCount()).isEqualTo(133);
        assertThat(second.volume()).isNull();
        assertThat(second.timings()).isEmpty();
        // a worker still on generation 1 cannot move the job any more
        assertThat(jobs.transition(first.id(), 1, JobState.SKIPPED, "X", "stale")).isFalse();
        assertThat(jobs.findBySeries("1.2.3.5").orElseThrow().state()).isEqualTo(JobState.RECEIVED);
    }

    @Test
    void skipReasonVolumeAndTimingsAreKept() {
        SeriesJob job = jobs.recordCompleted("1.2.3", "1.2.3.6", "CT", 133, T0, T0, T0);
        jobs.transition(job.id(), 1, JobState.QUALIFIED, null, null);
        jobs.recordVolume(job.id(), 1, new VolumeSummary(512, 512, 133, 0.703125, 0.703125, 2.5, -1024, 3071));
        jobs.recordTiming(job.id(), 1, new StageTiming("qualify", 40));
        jobs.recordTiming(job.id(), 1, new StageTiming("load", 900));
        SeriesJob mr = jobs.recordCompleted("1.2.3", "1.2.3.7", "MR", 1, T0, T0, T0);
        jobs.transition(mr.id(), 1, JobState.SKIPPED, "not-ct-modality", "Modality MR is not one of CT");

        FindingSummary nodule = new FindingSummary("Nodule 1", new double[] {56.2, 86.3, -115.9}, 24.1, 20.3, 22.2,
                5400, 35, "SOLID", "LEFT_UPPER", 0.93, 0.41,
                java.util.List.of(new FindingSummary.Factor("size", "24.1 mm", 1.9)), "4B");
        jobs.recordFindings(job.id(), 1, "LungCAD Nodule Detector 0.1.0", java.util.List.of(nodule));

        SeriesJob loaded = jobs.findBySeries("1.2.3.6").orElseThrow();
        assertThat(loaded.algorithm()).isEqualTo("LungCAD Nodule Detector 0.1.0");
        assertThat(loaded.findings()).singleElement().satisfies(f -> {
            assertThat(f.centerLpsMm()).containsExactly(56.2, 86.3, -115.9);
            assertThat(f.lungRads()).isEqualTo("4B");
            assertThat(f.malignancyFactors()).extracting(FindingSummary.Factor::factor).containsExactly("size");
        });
        assertThat(loaded.volume()).isEqualTo(new VolumeSummary(512, 512, 133, 0.703125, 0.703125, 2.5, -1024, 3071));
        assertThat(loaded.timings()).containsExactly(new StageTiming("qualify", 40), new StageTiming("load", 900));
        SeriesJob skipped = jobs.findBySeries("1.2.3.7").orElseThrow();
        assertThat(skipped.state()).isEqualTo(JobState.SKIPPED);
        assertThat(skipped.reasonCode()).isEqualTo("not-ct-modality");
        assertThat(jobs.countByState(JobState.SKIPPED)).isEqualTo(1);
        assertThat(jobs.findAll(10)).hasSize(2);
    }
}
