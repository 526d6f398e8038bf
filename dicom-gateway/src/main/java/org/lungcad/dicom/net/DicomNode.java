package org.lungcad.dicom.net;

import java.util.Objects;

/** A DICOM application entity reachable over TCP: AE title, host and port. */
public record DicomNode(String aeTitle, String host, int port) {

    public DicomNode {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        if (aeTitle.isBlank() || aeTitle.length() > 16) {
            throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
