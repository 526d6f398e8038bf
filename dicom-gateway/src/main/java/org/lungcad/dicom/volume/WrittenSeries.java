package org.lungcad.dicom.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A CT series {@link CtSeriesWriter} wrote: one file per slice, in slice order (index k, InstanceNumber k + 1).
 *
 * @param clampedVoxels voxels whose rounded HU lay outside the stored range [-1024, 32767] and were clamped to it;
 *                      0 for data that round-trips exactly
 */
public record WrittenSeries(String studyInstanceUid, String seriesInstanceUid, List<Path> files,
                            List<String> sopInstanceUids, long clampedVoxels) {

    public WrittenSeries {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        files = List.copyOf(files);
        sopInstanceUids = List.copyOf(sopInstanceUids);
        if (files.size() != sopInstanceUids.size()) {
            throw new IllegalArgumentException(files.size() + " files for " + sopInstanceUids.size() + " SOP instances");
        }
    }
}
