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
 * What a crash-safe acknowledgement costs on a file system: the spool's sequence for one instance (write a temporary
 * file, fsync it, rename it into place, fsync the directory) against the same write left to the page cache, as
 * dcmtk's storescp does. The difference is a floor under the node's time per instance that no receiver code removes.
 *
 * @param writeOnlyMs median time to create, write and close a file of the given size, then rename it
 * @param durableMs   median time of the same with fsync of the file before the rename and of the directory after
 */
record DurabilityCost(double writeOnlyMs, double durableMs) {

    static final int SAMPLES = 60;

    static DurabilityCost measure(Path folder, long fileSize) throws IOException {
        Files.createDirectories(folder);
        ByteBuffer content = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(fileSize, Integer.MAX_VALUE)));
        double[] plain = new double[SAMPLES];
        double[] durable = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            // interleaved, so that both see the same background writeback
            plain[i] = writeMs(folder, "plain-" + i, content, false);
            durable[i] = writeMs(folder, "durable-" + i, content, true);
        }
        return new DurabilityCost(median(plain), median(durable));
    }

    private static double writeMs(Path folder, String name, ByteBuffer content, boolean durable) throws IOException {
        Path temp = folder.resolve(name + ".part");
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.rewind();
            while (content.hasRemaining()) {
                channel.write(content);
            }
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

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
