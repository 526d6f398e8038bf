package org.lungcad.dicom.report;

/** A results series the caller keeps across re-analyses: the same UID and number each time. */
public record OutputSeries(String seriesInstanceUid, int seriesNumber) {

    public OutputSeries {
        DicomUids.requireValid(seriesInstanceUid, "seriesInstanceUid");
        if (seriesNumber < 0) {
            throw new IllegalArgumentException("series number must not be negative");
        }
    }
}
