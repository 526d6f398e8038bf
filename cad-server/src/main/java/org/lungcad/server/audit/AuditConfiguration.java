package org.lungcad.server.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.lungcad.server.config.LungCadProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/** The node's audit trail ({@code lungcad.audit}), and the node's own start and stop in it. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private final LungCadProperties properties;
    private final Clock clock;

    AuditConfiguration(LungCadProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Bean(destroyMethod = "close")
    JsonLinesAuditLog auditTrail() throws IOException {
        Path directory = properties.auditDirectory();
        Files.createDirectories(directory);
        LungCadProperties.Audit audit = properties.audit();
        return new JsonLinesAuditLog(directory, audit.maxFileSize().toBytes(), audit.maxHistoryDays(),
                audit.totalSizeCap().toBytes());
    }

    @EventListener(ApplicationReadyEvent.class)
    void started(ApplicationReadyEvent event) {
        application(event.getApplicationContext().getBean(AuditTrail.class), AuditEventType.APPLICATION_STARTED);
    }

    @EventListener(ContextClosedEvent.class)
    void stopped(ContextClosedEvent event) {
        application(event.getApplicationContext().getBean(AuditTrail.class), AuditEventType.APPLICATION_STOPPED);
    }

    private void application(AuditTrail audit, AuditEventType type) {
        audit.record(AuditEvent.of(clock.instant(), type, AuditEvent.Action.E, AuditEvent.Outcome.SUCCESS)
                .withParticipants(null, AuditEvent.Participant.ae(properties.dicom().aeTitle())));
    }
}
