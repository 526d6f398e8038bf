package org.lungcad.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.spool.TestDicom;

class SeriesSizeLimitTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.20";
    private static final String SERIES = STUDY + ".1";
    private static final Instant T = Instant.parse("2026-12-08T08:00:00Z");

    @TempDir
    Path temp;

    @Test
    void instancesBeyondTheLimitGetOutOfResourcesAndAreNotKeptWhileResendsStillReplace() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofMinutes(1), Duration.ofHours(1), scheduler,
                Clock.systemUTC(), completed -> { })) {
            SeriesSizeLimit limited = new SeriesSizeLimit(spool, assembler, 2, Long.MAX_VALUE);
            for (int i = 1; i <= 2; i++) {
                assembler.accept(limited.store(instance(i), "PACS", T));
            }

            assertThatThrownBy(() -> limited.store(instance(3), "PACS", T))
                    .isInstanceOfSatisfying(StoreRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
                        assertThat(e.getMessage()).isEqualTo("series " + SERIES + " already holds 2 instances"
                                + " (lungcad.series.max-instances, max-bytes)");
                    });
            ReceivedInstance resent = limited.store(instance(1), "PACS", T);

            assertThat(resent.sopInstanceUid()).isEqualTo(SERIES + ".1");
            assertThat(spool.scanSeries(STUDY, SERIES)).extracting(ReceivedInstance::sopInstanceUid)
                    .containsExactlyInAnyOrder(SERIES + ".1", SERIES + ".2");
            // another series is not affected
            assertThat(limited.store(TestDicom.write(temp.resolve("other"), STUDY, STUDY + ".2", STUDY + ".2.1"),
                    "PACS", T).seriesInstanceUid()).isEqualTo(STUDY + ".2");
        } finally {
            scheduler.shutdownNow();
        }
        try (Stream<Path> files = Files.walk(temp.resolve("spool"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .noneMatch(name -> name.contains(SERIES + ".3"));
        }
    }

    @Test
    void aSeriesWhoseFilesWouldExceedTheByteLimitGetsOutOfResources() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        InstanceSpool spool = new InstanceSpool(temp.resolve("spool"));
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofMinutes(1), Duration.ofHours(1), scheduler,
                Clock.systemUTC(), completed -> { })) {
            Path first = instance(1);
            long size = Files.size(first);
            SeriesSizeLimit limited = new SeriesSizeLimit(spool, assembler, 5000, size + size / 2);
            assembler.accept(limited.store(first, "PACS", T));

            assertThatThrownBy(() -> limited.store(instance(2), "PACS", T))
                    .isInstanceOfSatisfying(StoreRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
                        assertThat(e.getMessage()).isEqualTo("series " + SERIES + " already holds " + size
                                + " bytes (lungcad.series.max-instances, max-bytes)");
                    });
            assertThat(spool.scanSeries(STUDY, SERIES)).extracting(ReceivedInstance::sopInstanceUid)
                    .containsExactly(SERIES + ".1");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private Path instance(int n) throws Exception {
        return TestDicom.write(temp.resolve("in-" + n + "-" + System.nanoTime()), STUDY, SERIES, SERIES + "." + n);
    }
}
