package org.lungcad.server.dicom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StorageScp;
import org.lungcad.dicom.net.StorageScpConfig;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesAssembler;
import org.lungcad.server.audit.AuditTrail;
import org.lungcad.server.config.LungCadProperties;
import org.lungcad.server.job.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The node's Storage and Verification SCP, started after the rest of the application (so that
 * recovery and the REST API are ready) and stopped first.
 */
@Component
public class DicomListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DicomListener.class);

    private final StorageScpConfig scpConfig;
    private final StorageHandler storage;
    private final StorageScp.Threads threads;
    private final Clock clock;
    private final SeriesAssembler assembler;
    private final MeterRegistry meters;
    private final AssociationAudit associations;
    private volatile StorageScp scp;

    DicomListener(StorageScpConfig scpConfig, StorageHandler storage, StorageScp.Threads threads, Clock clock,
                  SeriesAssembler assembler, MeterRegistry meters, AuditTrail audit, JobQueue queue,
                  LungCadProperties properties) {
        this.scpConfig = scpConfig;
        // the node's policies around the spool: per-series limits, queue back-pressure, the audit of refusals
        StorageHandler limited = new SeriesSizeLimit(storage, assembler, properties.series().maxInstances(),
                properties.series().maxBytes().toBytes());
        StorageHandler pressured = new QueueBackPressure(limited, queue::depth,
                properties.processing().maxQueuedSeries());
        this.storage = new AuditedStorage(pressured, scpConfig.aeTitle(), audit, clock);
        this.threads = threads;
        this.clock = clock;
        this.assembler = assembler;
        this.meters = meters;
        this.associations = new AssociationAudit(audit, clock, meters);
        Gauge.builder("lungcad.associations.active", this, l -> l.scp == null ? 0 : l.scp.activeAssociations())
                .description("DICOM associations open now").register(meters);
    }

    @Override
    public void start() {
        StorageScp started = new StorageScp(scpConfig, storage, this::onReceived, associations, threads, clock);
        try {
            started.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for DICOM on " + scpConfig.bindAddress() + ":"
                    + scpConfig.port(), e);
        }
        scp = started;
        log.info("DICOM node {} listening on {}:{}", scpConfig.aeTitle(), scpConfig.bindAddress(), started.port());
    }

    private void onReceived(ReceivedInstance instance) {
        Counter.builder("lungcad.instances.received").description("DICOM instances spooled and acknowledged")
                .tag("calling_ae", instance.callingAeTitle()).register(meters).increment();
        assembler.accept(instance);
    }

    @Override
    public void stop() {
        StorageScp running = scp;
        scp = null;
        if (running != null) {
            running.close();
            log.info("DICOM node {} stopped", scpConfig.aeTitle());
        }
    }

    @Override
    public boolean isRunning() {
        StorageScp running = scp;
        return running != null && running.isRunning();
    }

    /** The bound port (differs from the configured one when that is 0). */
    public int port() {
        StorageScp running = scp;
        return running == null ? -1 : running.port();
    }

    public int activeAssociations() {
        StorageScp running = scp;
        return running == null ? 0 : running.activeAssociations();
    }

    /** Why new associations are refused now (back-pressure), or empty while they are taken. */
    public Optional<String> intakeRefusal() {
        return storage.intakeRefusal();
    }

    public String aeTitle() {
        return scpConfig.aeTitle();
    }
}
