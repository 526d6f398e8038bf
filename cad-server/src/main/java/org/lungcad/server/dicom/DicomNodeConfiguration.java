package org.lungcad.server.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.volume.CtVolumeLoader;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.job.SeriesCompletionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The receiving half of the gateway, wired from configuration. */
@Configuration(proxyBeanMethods = false)
class DicomNodeConfiguration {

    @Bean
    InstanceSpool instanceSpool(LungCadProperties properties) throws IOException {
        Files.createDirectories(properties.storage().spool());
        return new InstanceSpool(properties.storage().spool());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService seriesCompletionScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "series-quiet-period");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean(destroyMethod = "close")
    SeriesAssembler seriesAssembler(LungCadProperties properties, ScheduledExecutorService seriesCompletionScheduler,
                                    SeriesCompletionHandler completionHandler) {
        return new SeriesAssembler(properties.series().quietPeriod(), properties.series().retention(),
                seriesCompletionScheduler, completionHandler::seriesCompleted);
    }

    @Bean
    SeriesQualifier seriesQualifier(LungCadProperties properties) {
        return new SeriesQualifier(QualificationRulesMapper.toRules(properties.series().qualification()));
    }

    @Bean
    CtVolumeLoader ctVolumeLoader() {
        return new CtVolumeLoader();
    }
}
