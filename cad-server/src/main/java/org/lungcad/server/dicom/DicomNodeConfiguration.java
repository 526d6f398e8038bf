package org.lungcad.server.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.lungcad.dicom.net.StorageScp;
import org.lungcad.dicom.net.StorageScpConfig;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.dicom.series.SeriesQualifier;
import org.lungcad.dicom.spool.InstanceSpool;
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
        return new InstanceSpool(properties.storage().spool(), properties.storage().minFreeSpace().toBytes());
    }

    @Bean
    StorageScpConfig storageScpConfig(LungCadProperties properties) {
        LungCadProperties.Dicom dicom = properties.dicom();
        return new StorageScpConfig(dicom.aeTitle(), dicom.bindAddress(), dicom.port(),
                Set.copyOf(dicom.allowedCallingAeTitles()), dicom.maxAssociations(), dicom.maxAssociations(),
                dicom.socketTimeout(), dicom.associateRequestTimeout());
    }

    /** Stopped after the listener that uses them (it depends on them, so Spring closes it first). */
    @Bean(destroyMethod = "shutdownNow")
    StorageScp.Threads storageScpThreads(StorageScpConfig storageScpConfig) {
        return StorageScp.Threads.forConfig(storageScpConfig);
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
                                    Clock clock, SeriesCompletionHandler completionHandler) {
        return new SeriesAssembler(properties.series().quietPeriod(), properties.series().retention(),
                seriesCompletionScheduler, clock, completionHandler::seriesCompleted);
    }

    @Bean
    SeriesQualifier seriesQualifier(LungCadProperties properties) {
        return new SeriesQualifier(QualificationRulesMapper.toRules(properties.series().qualification()));
    }
}
