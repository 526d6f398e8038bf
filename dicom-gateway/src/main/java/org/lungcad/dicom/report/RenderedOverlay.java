package org.lungcad.dicom.report;

import java.util.Objects;

/**
 * One key image: its PNG rendering (for people reading the {@code analyze} command's output) and the Secondary
 * Capture instance written from the same pixels.
 *
 * @param name a file-name stem, "nodule-1" ... or "summary"
 */
public record RenderedOverlay(String name, byte[] png, WrittenInstance dicom) {

    public RenderedOverlay {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dicom, "dicom");
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
