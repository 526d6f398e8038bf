package org.lungcad.server.pipeline;

import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.EngineInfo;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "detector": UP once the engine and the learned model are loaded, DOWN with the
 * reason when the start failed (natives that could not be extracted, a model that does not fit), UNKNOWN while the
 * engine is still warming up.
 */
@Component("detector")
class DetectorHealthIndicator implements HealthIndicator {

    private final DetectorRuntime runtime;

    DetectorHealthIndicator(DetectorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        EngineInfo engine = runtime.engineOrNull();
        if (engine != null) {
            Health.Builder up = Health.up().withDetail("engine", engine.engineName() + " " + engine.engineVersion())
                    .withDetail("device", engine.device())
                    .withDetail("workers", runtime.settings().workers());
            runtime.learnedModel().ifPresent(m -> up.withDetail("learnedModel", m.identity()));
            return up.build();
        }
        return runtime.startFailure().map(why -> Health.down().withDetail("error", why).build())
                .orElseGet(() -> Health.unknown().withDetail("engine", "starting").build());
    }
}
