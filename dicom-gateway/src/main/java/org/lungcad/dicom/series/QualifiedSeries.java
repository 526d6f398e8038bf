package org.lungcad.dicom.series;

import java.util.List;
import java.util.Objects;

/**
 * A completed series that passed the input rules.
 *
 * @param series the completed series as received (all instances, including dropped ones)
 * @param slices the instances that make the volume, in slice order: ascending projection of
 *               ImagePositionPatient on the slice normal (not InstanceNumber)
 * @param header what later stages need, read from the headers
 * @param notes  sentences about what was dropped or assumed (e.g. localizer images removed); may be empty
 */
public record QualifiedSeries(CompletedSeries series, List<ReceivedInstance> slices, SeriesHeader header,
                              List<String> notes) {

    public QualifiedSeries {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(header, "header");
        slices = List.copyOf(slices);
        notes = List.copyOf(notes);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a qualified series has at least one slice");
        }
        if (slices.size() != header.sliceCount()) {
            throw new IllegalArgumentException("slice count " + slices.size() + " does not match the header's "
                    + header.sliceCount());
        }
    }
}
