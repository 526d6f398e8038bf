package org.lungcad.server.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.lungcad.dicom.series.CompletedSeries;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.spool.KeyAttributes;
import org.lungcad.dicom.net.StoreRefusedException;

/**
 * Every DICOM file under a folder (recursively), grouped by Series Instance UID, read in place: files are never
 * moved or copied. Only the header up to Pixel Data is read, with the spool's own {@link KeyAttributes} reader. Files that are not DICOM, or lack the UIDs that identify an instance, are listed with the reason.
 */
public final class DicomFolder {

    /** A file that is not part of any series, and why. */
    public record IgnoredFile(Path file, String reason) {
    }

    /**
     * @param series     one completed series per Series Instance UID, in the order first met (files sorted by path)
     * @param ignored    files that are not usable DICOM instances
     * @param duplicates files holding a SOP Instance UID already seen in their series (the first file is used)
     */
    public record Scan(List<CompletedSeries> series, List<IgnoredFile> ignored, int duplicates) {
        public Scan {
            series = List.copyOf(series);
            ignored = List.copyOf(ignored);
        }
    }

    private DicomFolder() {
    }

    public static Scan scan(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<ReceivedInstance>> bySeries = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        List<IgnoredFile> ignored = new ArrayList<>();
        int duplicates = 0;
        for (Path file : files) {
            ReceivedInstance instance;
            try {
                instance = read(file);
            } catch (NotAnInstance e) {
                ignored.add(new IgnoredFile(file, e.getMessage()));
                continue;
            }
            if (!seen.computeIfAbsent(instance.seriesInstanceUid(), s -> new HashSet<>()).add(instance.sopInstanceUid())) {
                duplicates++;
                continue;
            }
            bySeries.computeIfAbsent(instance.seriesInstanceUid(), s -> new ArrayList<>()).add(instance);
        }
        List<CompletedSeries> series = new ArrayList<>();
        for (List<ReceivedInstance> instances : bySeries.values()) {
            Instant first = instances.stream().map(ReceivedInstance::receivedAt).min(Instant::compareTo).orElseThrow();
            Instant last = instances.stream().map(ReceivedInstance::receivedAt).max(Instant::compareTo).orElseThrow();
            // a series on disk is complete by definition: generation 1, study of its first instance
            series.add(new CompletedSeries(instances.get(0).studyInstanceUid(), instances.get(0).seriesInstanceUid(),
                    instances, 1, first, last));
        }
        return new Scan(series, ignored, duplicates);
    }

    /** The key attributes of one file; a Part 10 meta header is not required (files from disk dumps lack it). */
    static ReceivedInstance read(Path file) throws NotAnInstance {
        sniff(file);
        KeyAttributes key;
        try {
            key = KeyAttributes.read(file, false);
        } catch (StoreRefusedException e) {
            throw new NotAnInstance("not a usable DICOM instance (" + e.getMessage() + ")");
        }
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        return key.toReceivedInstance(file, "", modified);
    }

    /**
     * Cheap check before parsing: a Part 10 file has "DICM" at byte 128, a bare data set starts with group 0002 or
     * 0008. Anything else is not parsed at all, so that a stray file's bytes are never taken for a huge value length.
     */
    private static void sniff(Path file) throws NotAnInstance {
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new NotAnInstance("cannot be read (" + e.getMessage() + ")");
        }
        boolean part10 = n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        int group = n >= 2 ? (head[0] & 0xff) | (head[1] & 0xff) << 8 : -1;
        if (!part10 && group != 0x0002 && group != 0x0008) {
            throw new NotAnInstance("not a DICOM file (no DICM marker at byte 128, no data set start)");
        }
    }

    /** A file that cannot join a series; a checked exception without a stack trace, it only carries the reason. */
    static final class NotAnInstance extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnInstance(String reason) {
            super(reason, null, false, false);
        }
    }
}
