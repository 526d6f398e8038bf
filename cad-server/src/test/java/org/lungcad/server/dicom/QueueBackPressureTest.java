package org.lungcad.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.spool.InstanceSpool;

class QueueBackPressureTest {

    @TempDir
    Path spool;

    @Test
    void newAssociationsAreRefusedWhileTheQueueIsFullAndTakenAgainWhenItDrains() {
        AtomicInteger queued = new AtomicInteger(99);
        QueueBackPressure intake = new QueueBackPressure(new InstanceSpool(spool), queued::get, 100);

        assertThat(intake.intakeRefusal()).isEmpty();
        queued.set(100);
        assertThat(intake.intakeRefusal()).contains(
                "analysis queue full: 100 series waiting (lungcad.processing.max-queued-series=100)");
        queued.set(12);
        assertThat(intake.intakeRefusal()).isEqualTo(Optional.empty());
    }
}
