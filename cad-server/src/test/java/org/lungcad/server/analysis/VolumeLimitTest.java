package org.lungcad.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VolumeLimitTest {

    private static final long MB = 1L << 20;

    @Test
    void theConfiguredLimitAppliesWhenTheHeapHoldsItForEveryWorker() {
        VolumeLimit limit = new VolumeLimit(300_000_000L, 4096 * MB, 2);

        assertThat(limit.heapBound()).isFalse();
        assertThat(limit.voxels()).isEqualTo(300_000_000L);
        assertThat(limit.describe())
                .isEqualTo("CT volumes up to 300.0 M voxels per series (lungcad.processing.max-voxels)");
    }

    @Test
    void aSmallHeapLowersTheLimitSoThatTheSeriesThatRanOutOfMemoryIsRefusedBeforeLoading() {
        // the probe's case: 1024×1024×532 at -Xmx2g ended in OutOfMemoryError
        long probeSeries = 1024L * 1024 * 532;
        VolumeLimit limit = new VolumeLimit(VolumeLimit.ARRAY_LIMIT_VOXELS, 2048 * MB, 1);

        assertThat(limit.heapBound()).isTrue();
        assertThat(limit.voxels()).isEqualTo((2048 - 320) * MB / 4).isLessThan(probeSeries);
        // a 600-slice 512×512 series still fits
        assertThat(limit.voxels()).isGreaterThan(512L * 512 * 600);
    }

    @Test
    void theWarningSaysWhichHeapTheConfiguredLimitNeeds() {
        VolumeLimit limit = new VolumeLimit(300_000_000L, 2048 * MB, 2);

        assertThat(limit.voxels()).isEqualTo((2048 - 320) * MB / 2 / 4);
        assertThat(limit.heapNeededBytes()).isEqualTo(320 * MB + 2 * 300_000_000L * 4);
        assertThat(limit.describe()).isEqualTo("CT volumes up to 226.5 M voxels per series (bound by the 2048 MB heap"
                + " for 2 worker(s); lungcad.processing.max-voxels 300.0 M needs -Xmx2609m)");
    }

    @Test
    void aHeapSmallerThanTheReserveStillGivesAPositiveLimit() {
        assertThat(new VolumeLimit(300_000_000L, 256 * MB, 1).voxels()).isEqualTo(1);
    }
}
