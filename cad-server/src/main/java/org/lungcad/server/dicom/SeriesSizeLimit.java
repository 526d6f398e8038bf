package org.lungcad.server.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.series.SeriesAssembler;

/**
 * {@code lungcad.series.max-instances} and {@code max-bytes}: a sender that never stops one series (a loop, a
 * misconfigured modality) gets Out of Resources for every instance beyond a limit instead of filling the spool. A
 * resend of an instance the series holds still replaces it. The check needs the instance's UIDs, so it runs after the
 * spool parsed and placed the file; a refused new instance is removed again before the response (it was never
 * acknowledged).
 */
final class SeriesSizeLimit extends ForwardingStorage {

    private final SeriesAssembler assembler;
    private final int maxInstances;
    private final long maxBytes;

    SeriesSizeLimit(StorageHandler spool, SeriesAssembler assembler, int maxInstances, long maxBytes) {
        super(spool);
        this.assembler = assembler;
        this.maxInstances = maxInstances;
        this.maxBytes = maxBytes;
    }


    @Override
    public ReceivedInstance store(Path receivedFile, String callingAeTitle, Instant receivedAt)
            throws StoreRefusedException {
        ReceivedInstance stored = spool.store(receivedFile, callingAeTitle, receivedAt);
        Optional<String> exceeded = assembler.exceededLimit(stored, maxInstances, maxBytes);
        if (exceeded.isPresent()) {
            try {
                Files.deleteIfExists(stored.file());
            } catch (IOException e) {
                // left in the spool: start-up recovery re-feeds it, the limit refuses nothing there
            }
            throw new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES, exceeded.get()
                    + " (lungcad.series.max-instances, max-bytes)");
        }
        return stored;
    }

}
