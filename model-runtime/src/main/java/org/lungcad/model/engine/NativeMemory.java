package org.lungcad.model.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives freed native memory back to the operating system. PyTorch's CPU tensors come from glibc malloc, which
 * keeps freed pages in its arenas: without a trim after each study the service's RSS stays at its high-water
 * mark (DESIGN.md, decision 2). Uses JNA (already on the class path through DJL); a no-op off glibc.
 */
public final class NativeMemory {

    private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

    interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static final LibC LIBC = load();

    private NativeMemory() {
    }

    /** Whether trimming is possible here (Linux with glibc). */
    public static boolean available() {
        return LIBC != null;
    }

    /** {@code malloc_trim(0)}: true when memory was returned to the system. */
    public static boolean trim() {
        return LIBC != null && LIBC.malloc_trim(0) == 1;
    }

    private static LibC load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            log.warn("malloc_trim is not available ({}); native memory is not trimmed after each study", e.getMessage());
            return null;
        }
    }
}
