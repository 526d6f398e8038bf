package org.lungcad.dicom.volume;

import java.util.Objects;
import org.lungcad.dicom.series.SkipReason;

/**
 * A qualified series could not be turned into a volume: unreadable or unsupported pixel data, or geometry
 * that contradicts the qualified header. The reason uses the same codes as a skipped series, so a job
 * reports both the same way.
 */
public final class VolumeLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    public VolumeLoadException(SkipReason reason, String message) {
        this(reason, message, null);
    }

    public VolumeLoadException(SkipReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SkipReason reason() {
        return reason;
    }
}
