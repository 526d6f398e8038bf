package org.lungcad.dicom.spool;

import com.pixelmed.dicom.SOPClass;
import org.lungcad.dicom.net.DimseStatus;
import org.lungcad.dicom.net.StorageHandler;
import org.lungcad.dicom.net.StoreRefusedException;
import org.lungcad.dicom.series.ReceivedInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Durable store of received instances, laid out as {@code <dir>/<studyUid>/<seriesUid>/<sopInstanceUid>.dcm}.
 *
 * <p>An instance is only reported as spooled once its bytes and its directory entry are on disk
 * (fsync of the file, atomic rename, fsync of the directory), so that the Storage SCP may acknowledge it
 * and a crash right after the acknowledgement loses nothing. Thread-safe: concurrent associations spool
 * into the same directory; a resend of the same SOP Instance UID atomically replaces the earlier file.
 */
public final class InstanceSpool implements StorageHandler {

    private static final Logger log = LoggerFactory.getLogger(InstanceSpool.class);

    static final String INCOMING = "incoming";
    static final String QUARANTINE = "quarantine";
    static final String SUFFIX = ".dcm";
    static final String TEMP_SUFFIX = ".part";

    private final Path directory;
    private final long minFreeBytes;

    /** A spool with no free-space floor (offline tools, benchmarks). */
    public InstanceSpool(Path directory) {
        this(directory, 0);
    }

    /**
     * @param minFreeBytes below this much usable space on the spool's file system every new instance is refused with
     *                     Out of Resources (so that the disk never fills up completely); checked per instance, so the
     *                     spool takes instances again by itself once space returns
     */
    public InstanceSpool(Path directory, long minFreeBytes) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        this.minFreeBytes = minFreeBytes;
    }

    /** Usable bytes on the spool's file system (0 when it cannot be read). */
    public long usableSpace() {
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the file system has at least the configured floor free. */
    public boolean hasSpace() {
        return minFreeBytes == 0 || usableSpace() >= minFreeBytes;
    }

    public Path directory() {
        return directory;
    }

    /**
     * A fresh file name in the spool's own file system for an instance being received, so that
     * {@link #store} can rename it into place instead of copying.
     */
    @Override
    public Path newIncomingFile() throws IOException {
        Path incoming = Files.createDirectories(directory.resolve(INCOMING));
        return incoming.resolve(UUID.randomUUID() + TEMP_SUFFIX);
    }

    /**
     * Validates a received Part 10 file (its key attributes, and that the whole data set arrived, pixel data encoded
     * as its transfer syntax says) and moves it durably to its place in the spool.
     *
     * @param receivedFile   the file as written by the receiver; moved away on success, left in place on failure
     * @param callingAeTitle the sender, recorded with the instance
     * @param receivedAt     when reception completed
     * @throws StoreRefusedException with {@link StoreRefusedException#status()} the C-STORE status for the sender
     */
    @Override
    public ReceivedInstance store(Path receivedFile, String callingAeTitle, Instant receivedAt) throws StoreRefusedException {
        if (!hasSpace()) {
            throw new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES, String.format(java.util.Locale.ROOT,
                    "storage below its floor: %d MB free, %d MB kept", usableSpace() >> 20, minFreeBytes >> 20));
        }
        KeyAttributes key = KeyAttributes.read(receivedFile);
        if (!DataSetCompleteness.check(receivedFile, key.transferSyntaxUid())
                && SOPClass.isImageStorage(key.sopClassUid())) {
            // a data set cut exactly between two elements reads as complete, but an image without its pixels is not
            throw new StoreRefusedException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "an image storage instance without Pixel Data");
        }
        Path target = pathOf(key);
        try {
            boolean newSeries = !Files.isDirectory(target.getParent());
            Path folder = Files.createDirectories(target.getParent());
            Path temp = folder.resolve("." + key.sopInstanceUid() + "." + UUID.randomUUID() + TEMP_SUFFIX);
            // a plain rename when on the same file system; a copy otherwise, still under a temporary name
            Files.move(receivedFile, temp);
            try {
                force(temp);
                moveAtomically(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            forceDirectory(folder);
            if (newSeries) {
                // the new series (and perhaps study) folder must survive a crash too
                forceDirectory(folder.getParent());
                forceDirectory(directory);
            }
        } catch (IOException e) {
            throw new StoreRefusedException(DimseStatus.OUT_OF_RESOURCES, "cannot write spool file: " + e, e);
        }
        return key.toReceivedInstance(target, callingAeTitle, receivedAt);
    }

    /**
     * Every spooled instance, for recovery after a restart. Removes temporary files left by an interrupted
     * reception, so call it before the Storage SCP starts, never while it receives. A file that cannot be
     * parsed is moved to {@code <dir>/quarantine/} and logged, never thrown. The receive time of a recovered
     * instance is its file's modification time; its calling AE title is unknown (empty).
     */
    public List<ReceivedInstance> scan() throws IOException {
        List<ReceivedInstance> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        removeTemporaryFiles(directory.resolve(INCOMING));
        for (Path study : subdirectories(directory)) {
            String name = study.getFileName().toString();
            if (name.equals(INCOMING) || name.equals(QUARANTINE)) {
                continue;
            }
            for (Path series : subdirectories(study)) {
                removeTemporaryFiles(series);
                for (Path file : files(series, "*" + SUFFIX)) {
                    recover(file).ifPresent(found::add);
                }
            }
        }
        found.sort(Comparator.comparing(ReceivedInstance::file));
        return found;
    }

    /**
     * The spooled instances of one series, for analysis; safe while the SCP receives (temporary files are
     * neither listed nor removed). Unparseable files are quarantined as in {@link #scan()}.
     */
    public List<ReceivedInstance> scanSeries(String studyUid, String seriesUid) throws IOException {
        Path seriesFolder = seriesFolder(studyUid, seriesUid);
        List<ReceivedInstance> found = new ArrayList<>();
        if (Files.isDirectory(seriesFolder)) {
            for (Path file : files(seriesFolder, "*" + SUFFIX)) {
                recover(file).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(ReceivedInstance::file));
        return found;
    }

    /** Deletes a series' folder (after its results were delivered); the study folder goes when empty. */
    public void deleteSeries(String studyUid, String seriesUid) throws IOException {
        Path seriesFolder = seriesFolder(studyUid, seriesUid);
        Path studyFolder = seriesFolder.getParent();
        if (Files.isDirectory(seriesFolder)) {
            try (Stream<Path> walk = Files.walk(seriesFolder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try {
            Files.deleteIfExists(studyFolder);
        } catch (DirectoryNotEmptyException stillInUse) {
            // other series of the study remain
        }
    }

    private Path seriesFolder(String studyUid, String seriesUid) {
        if (!KeyAttributes.isValidUid(studyUid) || !KeyAttributes.isValidUid(seriesUid)) {
            // the UIDs become path elements: never let "../x" escape the spool
            throw new IllegalArgumentException("not a valid UID pair: " + studyUid + " / " + seriesUid);
        }
        return directory.resolve(studyUid).resolve(seriesUid);
    }

    private Optional<ReceivedInstance> recover(Path file) {
        try {
            KeyAttributes key = KeyAttributes.read(file);
            if (!pathOf(key).equals(file)) {
                throw new StoreRefusedException(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                        "file is not where its UIDs place it");
            }
            return Optional.of(key.toReceivedInstance(file, "", Files.getLastModifiedTime(file).toInstant()));
        } catch (StoreRefusedException | IOException e) {
            quarantine(file, e.getMessage());
            return Optional.empty();
        }
    }

    private void quarantine(Path file, String reason) {
        try {
            Path folder = Files.createDirectories(directory.resolve(QUARANTINE));
            Path target = folder.resolve(UUID.randomUUID() + "-" + file.getFileName());
            Files.move(file, target);
            log.warn("Quarantined unreadable spool file {} as {}: {}", directory.relativize(file), target.getFileName(), reason);
        } catch (IOException e) {
            log.error("Cannot quarantine unreadable spool file {} ({}): {}", file, reason, e.toString());
        }
    }

    private Path pathOf(KeyAttributes key) {
        return directory.resolve(key.studyInstanceUid()).resolve(key.seriesInstanceUid())
                .resolve(key.sopInstanceUid() + SUFFIX);
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // rename(2) replaces atomically on POSIX; this path exists for file systems that refuse it
            throw new IOException("atomic rename not possible in spool directory: " + e.getMessage(), e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename durable; directories can be opened for fsync on Linux, not on every platform. */
    private static void forceDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").toLowerCase().contains("win")) {
                return;
            }
            throw e;
        }
    }

    private static void removeTemporaryFiles(Path folder) throws IOException {
        for (Path temp : files(folder, "*" + TEMP_SUFFIX)) {
            log.info("Removing temporary spool file left by an interrupted reception: {}", temp.getFileName());
            Files.deleteIfExists(temp);
        }
    }

    private static List<Path> subdirectories(Path folder) throws IOException {
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(result::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return result;
    }

    private static List<Path> files(Path folder, String glob) throws IOException {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    result.add(p);
                }
            }
        }
        return result;
    }
}
