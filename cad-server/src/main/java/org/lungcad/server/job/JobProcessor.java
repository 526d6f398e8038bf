package org.lungcad.server.job;

/** Takes a queued job one step on: implemented by the pipeline, so that the queue does not depend on it. */
@FunctionalInterface
public interface JobProcessor {

    /** Runs the job of this series as far as it goes; must not throw for bad input. */
    void process(String seriesInstanceUid) throws InterruptedException;
}
