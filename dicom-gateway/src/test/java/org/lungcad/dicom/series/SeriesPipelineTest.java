package org.lungcad.dicom.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lungcad.dicom.testing.TestData;

/** The real series received in random order on several association threads, assembled, then qualified. */
class SeriesPipelineTest {

    @Test
    void aSeriesSentOnFourAssociationsIsAssembledOnceAndQualifies() throws Exception {
        List<ReceivedInstance> instances = new ArrayList<>(TestData.lidcSlicesByZ().stream().map(TestData::received).toList());
        Collections.shuffle(instances, new Random(5));
        BlockingQueue<CompletedSeries> completed = new LinkedBlockingQueue<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService associations = Executors.newFixedThreadPool(4);
        try (SeriesAssembler assembler = new SeriesAssembler(Duration.ofSeconds(1), Duration.ofMinutes(1), scheduler, Clock.systemUTC(),
                completed::add)) {
            for (int a = 0; a < 4; a++) {
                List<ReceivedInstance> share = instances.subList(a * instances.size() / 4, (a + 1) * instances.size() / 4);
                associations.submit(() -> share.forEach(assembler::accept));
            }
            // one association resends a few instances, as a PACS retrying after a timeout does
            associations.submit(() -> instances.subList(0, 10).forEach(assembler::accept));

            CompletedSeries series = completed.poll(30, TimeUnit.SECONDS);

            assertThat(series).isNotNull();
            assertThat(series.instances()).hasSize(133);
            Qualification result = new SeriesQualifier(QualificationRules.defaults()).qualify(series);
            assertThat(result).isInstanceOfSatisfying(Qualification.Qualified.class,
                    q -> assertThat(q.series().slices()).extracting(ReceivedInstance::file)
                            .containsExactlyElementsOf(TestData.lidcSlicesByZ()));
        } finally {
            associations.shutdownNow();
            scheduler.shutdownNow();
        }
    }
}
