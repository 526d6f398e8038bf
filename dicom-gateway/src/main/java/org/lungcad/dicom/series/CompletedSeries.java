package org.lungcad.dicom.series;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A series after its quiet period elapsed: every instance received so far for the Series Instance UID
 * (one per SOP Instance UID), including those of earlier completions when late instances re-opened it.
 *
 * @param generation 1 for the first completion, incremented each time late instances re-open the series
 */
public record CompletedSeries(
        String studyInstanceUid,
        String seriesInstanceUid,
        List<ReceivedInstance> instances,
        int generation,
        Instant firstReceivedAt,
        Instant lastReceivedAt) {

    public CompletedSeries {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a completed series has at least one instance");
        }
        instances = instances.stream().sorted(Comparator.comparing(ReceivedInstance::sopInstanceUid)).toList();
    }

    public String modality() {
        return instances.get(0).modality();
    }
}
