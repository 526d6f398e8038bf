package org.lungcad.server.offline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory while a benchmark runs. Heap: the largest used heap seen by sampling every 20 ms, and the sum of the
 * heap pools' own peaks (an upper bound: pools peak at different moments). Process: VmHWM of /proc/self/status, the
 * resident-set high-water mark of the whole process since it started (Java heap, JIT, and libtorch's tensors, which
 * {@code -Xmx} does not bound).
 */
public final class MemoryProbe implements AutoCloseable {

    private final AtomicLong maxHeapUsed = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    public MemoryProbe() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        sampler = new Thread(() -> {
            while (running) {
                maxHeapUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Largest sampled heap use, bytes. */
    public long sampledPeakHeapBytes() {
        return maxHeapUsed.get();
    }

    /** Sum of the heap pools' peak usage since this probe started, bytes. */
    public static long poolPeakHeapBytes() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    public static long maxHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** A field of /proc/self/status in bytes (VmHWM, VmRSS), empty where there is no /proc (not Linux). */
    public static OptionalLong procStatusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: the figure is simply not available
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
