package org.lungcad.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is lost: instances acknowledged before a {@code kill -9} are still there after the restart. */
class KillRestartIT {

    @Test
    void seriesInterruptedByKillMinus9CompletesAfterRestartWithEveryInstance(@TempDir Path tmp) throws Exception {
        List<Path> ct = SharedData.lidcSeries();
        String seriesUid = Dicom.seriesInstanceUid(ct.get(0));
        Path storage = tmp.resolve("node");
        int port = Tools.freePort();

        LungCadProcess first = LungCadProcess.start(storage, port, "lungcad.series.quiet-period=30s");
        try {
            Tools.Result sent = Tools.storescu("PACS", LungCadProcess.AE_TITLE, port, ct.subList(0, 60));
            assertThat(sent.exitCode()).as(sent.output()).isZero();
        } finally {
            first.kill(); // mid-series: the quiet period has not elapsed, no job exists yet
        }

        try (LungCadProcess second = LungCadProcess.start(storage, port)) {
            // the sender retries the rest (with some overlap, as a PACS resending a failed batch does)
            Tools.Result rest = Tools.storescu("PACS", LungCadProcess.AE_TITLE, port, ct.subList(55, ct.size()));
            assertThat(rest.exitCode()).as(rest.output()).isZero();

            JsonNode series = second.awaitSeries(seriesUid, SeriesStates::isSettled, Duration.ofMinutes(5));
            assertThat(series.path("instances").asInt()).isEqualTo(133);
            assertThat(series.path("volume").path("slices").asInt()).isEqualTo(133);
            assertThat(series.path("state").asText()).isNotIn("SKIPPED", "FAILED");
        }
    }
}
