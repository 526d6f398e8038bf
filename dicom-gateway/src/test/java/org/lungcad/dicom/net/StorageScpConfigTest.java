package org.lungcad.dicom.net;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageScpConfigTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void defaultsListenOnLoopbackForAnyCaller() {
        StorageScpConfig config = StorageScpConfig.defaults("LUNGCAD", 11112);

        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(11112);
        assertThat(config.allowedCallingAeTitles()).isEmpty();
        assertThat(config.acceptsCaller("ANYONE")).isTrue();
        assertThat(config.withAllowedCallingAeTitles(Set.of("PACS")).acceptsCaller("ANYONE")).isFalse();
        assertThat(config.withMaxAssociations(1).workerThreads()).isEqualTo(1);
    }

    @Test
    void rejectsBadValuesAtOnce() {
        assertThatThrownBy(() -> new StorageScpConfig("", "0.0.0.0", 104, Set.of(), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aeTitle");
        assertThatThrownBy(() -> new StorageScpConfig("SEVENTEEN_CHARS_X", "0.0.0.0", 104, Set.of(), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-16");
        assertThatThrownBy(() -> new StorageScpConfig("BACK\\SLASH", "0.0.0.0", 104, Set.of(), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", " ", 104, Set.of(), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bindAddress");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 65536, Set.of(), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 104, Set.of("OK", " BAD"), 4, 4, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedCallingAeTitles");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 104, Set.of(), 0, 1, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAssociations");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 104, Set.of(), 4, 5, MINUTE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerThreads");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 104, Set.of(), 4, 4, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> new StorageScpConfig("LUNGCAD", "0.0.0.0", 104, null, 4, 4, MINUTE))
                .isInstanceOf(NullPointerException.class);
    }
}
