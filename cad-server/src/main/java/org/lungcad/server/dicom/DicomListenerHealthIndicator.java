package org.lungcad.server.dicom;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "dicom": UP while the listener accepts associations. */
@Component("dicom")
class DicomListenerHealthIndicator implements HealthIndicator {

    private final DicomListener listener;

    DicomListenerHealthIndicator(DicomListener listener) {
        this.listener = listener;
    }

    @Override
    public Health health() {
        Health.Builder health = listener.isRunning() ? Health.up() : Health.down();
        return health.withDetail("aeTitle", listener.aeTitle())
                .withDetail("port", listener.port())
                .withDetail("activeAssociations", listener.activeAssociations())
                .build();
    }
}
