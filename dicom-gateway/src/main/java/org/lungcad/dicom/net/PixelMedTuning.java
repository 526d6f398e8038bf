package org.lungcad.dicom.net;

import com.pixelmed.network.Association;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.time.Duration;

/**
 * The two PixelMed settings we need that it offers no API for, set by reflection; if a PixelMed version lacks
 * the field, its default stays and we warn.
 * <ul>
 * <li>After answering A-RELEASE-RQ, PixelMed's association (20220618, and still in 2026 sources) sleeps a fixed
 * 5 s "ARTIM" before closing, since it cannot see the peer close first: a PACS that opens associations back to
 * back would find every slot taken. It is a private static.</li>
 * <li>Its association initiator opens a plain {@code new Socket(host, port)} with no read timeout: a destination
 * that stops answering would block the sender for ever. The socket is a protected field.</li>
 * </ul>
 */
final class PixelMedTuning {

    private static final Logger log = LoggerFactory.getLogger(PixelMedTuning.class);
    private static final String RELEASE_LINGER_FIELD = "associationReleaseToTransportConnectionCloseTimeoutInMilliseconds";

    private PixelMedTuning() {
    }

    /** Sets the read timeout of an established association's socket; false if PixelMed's field is not there. */
    static boolean setReadTimeout(Association association, Duration timeout) {
        try {
            Field field = Association.class.getDeclaredField("socket");
            field.setAccessible(true);
            if (field.get(association) instanceof Socket socket) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return true;
            }
            throw new NoSuchFieldException("socket is not a java.net.Socket");
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            log.warn("Cannot set a read timeout on PixelMed's association ({}): a silent destination blocks the"
                    + " sender until the connection drops", e.toString());
            return false;
        }
    }

    static synchronized void limitReleaseLinger(Duration linger) {
        try {
            Field field = Association.class.getDeclaredField(RELEASE_LINGER_FIELD);
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class) {
                throw new NoSuchFieldException(RELEASE_LINGER_FIELD + " has an unexpected type");
            }
            field.setAccessible(true);
            if (field.getInt(null) > linger.toMillis()) {
                field.setInt(null, (int) linger.toMillis());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot shorten PixelMed's wait after A-RELEASE ({}): each released association holds its"
                    + " worker a few seconds longer", e.toString());
        }
    }
}
