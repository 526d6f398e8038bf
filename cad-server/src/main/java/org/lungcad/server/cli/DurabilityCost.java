package org.lungcad.server.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What a crash-safe acknowledgement costs on a file system, per instance, against the same bytes left to the page
 * cache as dcmtk's storescp does: the spool's sequence (write a temporary file, fsync it, rename it into place,
 * fsync the directory), and the cheapest durable write there is (overwrite a preallocated journal file, fdatasync:
 * no file-system metadata to commit). The extra time is a floor under the time per instance of any receiver that
 * answers a C-STORE only once the instance is on disk.
 *
 * @param writeOnlyMs median time to create, write and close a file of the given size, then rename it
 * @param spoolMs     median time of the same with fsync of the file before the rename and of the directory after
 * @param journalMs   median time to overwrite the same number of bytes in a preallocated file and fdatasync it
 */
record DurabilityCost(double writeOnlyMs, double spoolMs, double journalMs) {

    static final int SAMPLES = 60;

    static DurabilityCost measure(Path folder, long fileSize) throws IOException {
        Files.createDirectories(folder);
        ByteBuffer content = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(fileSize, Integer.MAX_VALUE)));
        double[] plain = new double[SAMPLES];
        double[] spool = new double[SAMPLES];
        double[] journal = new double[SAMPLES];
        try (FileChannel journalFile = preallocated(folder.resolve("journal"), (long) content.capacity() * SAMPLES)) {
            for (int i = 0; i < SAMPLES; i++) {
                // interleaved, so that all three see the same background writeback
                plain[i] = fileMs(folder, "plain-" + i, content, false);
                spool[i] = fileMs(folder, "durable-" + i, content, true);
                journal[i] = journalMs(journalFile, (long) i * content.capacity(), content);
            }
        }
        return new DurabilityCost(median(plain), median(spool), median(journal));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double fileMs(Path folder, String name, ByteBuffer content, boolean durable) throws IOException {
        Path temp = folder.resolve(name + ".part");
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeAt(channel, content, 0);
            if (durable) {
                channel.force(true);
            }
        }
        Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        if (durable) {
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double journalMs(FileChannel journal, long position, ByteBuffer content) throws IOException {
        long start = System.nanoTime();
        writeAt(journal, content, position);
        journal.force(false);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Written once with zeros and synced, so that later overwrites change no block allocation and no size. */
    private static FileChannel preallocated(Path file, long size) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long p = 0; p < size; p += zeros.capacity()) {
            writeAt(channel, zeros, p);
        }
        channel.force(true);
        return channel;
    }

    private static void writeAt(FileChannel channel, ByteBuffer content, long position) throws IOException {
        content.rewind();
        long p = position;
        while (content.hasRemaining()) {
            p += channel.write(content, p);
        }
    }
}
