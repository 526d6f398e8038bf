package org.lungcad.dicom.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the Storage SCP.
 *
 * @param aeTitle                 our AE title; an association request calling any other is rejected
 * @param bindAddress             the local address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
 * @param port                    TCP port; 0 picks a free port (tests), see {@link StorageScp#port()}
 * @param allowedCallingAeTitles  senders accepted; empty accepts any caller
 * @param maxAssociations         associations served at once; more are rejected (transient, local limit)
 * @param workerThreads           threads kept ready while idle, at most {@code maxAssociations}; more are started
 *                                on demand up to {@code maxAssociations} and stop after a minute idle
 * @param socketTimeout           longest silence on an association before it is dropped
 * @param associateRequestTimeout how long a new connection may take to send its A-ASSOCIATE-RQ (ARTIM) before it
 *                                is closed; short, because a waiting connection holds a negotiation place
 */
public record StorageScpConfig(
        String aeTitle,
        String bindAddress,
        int port,
        Set<String> allowedCallingAeTitles,
        int maxAssociations,
        int workerThreads,
        Duration socketTimeout,
        Duration associateRequestTimeout) {

    /** The ARTIM timeout when none is given: real requesters send their request within milliseconds. */
    public static final Duration DEFAULT_ASSOCIATE_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    public StorageScpConfig(String aeTitle, String bindAddress, int port, Set<String> allowedCallingAeTitles,
                            int maxAssociations, int workerThreads, Duration socketTimeout) {
        this(aeTitle, bindAddress, port, allowedCallingAeTitles, maxAssociations, workerThreads, socketTimeout,
                DEFAULT_ASSOCIATE_REQUEST_TIMEOUT);
    }

    public StorageScpConfig {
        requireAeTitle(aeTitle, "aeTitle");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank (use 0.0.0.0 for all interfaces)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = ephemeral): " + port);
        }
        allowedCallingAeTitles = Set.copyOf(Objects.requireNonNull(allowedCallingAeTitles, "allowedCallingAeTitles"));
        allowedCallingAeTitles.forEach(t -> requireAeTitle(t, "allowedCallingAeTitles"));
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maxAssociations must be > 0: " + maxAssociations);
        }
        if (workerThreads < 1 || workerThreads > maxAssociations) {
            throw new IllegalArgumentException(
                    "workerThreads must be 1..maxAssociations (" + maxAssociations + "): " + workerThreads);
        }
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        if (socketTimeout.isNegative() || socketTimeout.isZero() || socketTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("socketTimeout must be positive and below 24 days: " + socketTimeout);
        }
        Objects.requireNonNull(associateRequestTimeout, "associateRequestTimeout");
        if (associateRequestTimeout.isNegative() || associateRequestTimeout.isZero()
                || associateRequestTimeout.compareTo(socketTimeout) > 0) {
            throw new IllegalArgumentException("associateRequestTimeout must be positive and at most the socket timeout: "
                    + associateRequestTimeout);
        }
    }

    /**
     * Connections that may wait for their A-ASSOCIATE-RQ at once, apart from the associations: when more arrive the
     * oldest waiting one is closed, so that idle sockets cannot keep a real sender out.
     */
    public int maxPendingConnections() {
        return Math.max(16, 2 * maxAssociations);
    }

    /** Loopback only, any caller, up to 8 associations (2 threads kept ready), 60 s socket timeout. */
    public static StorageScpConfig defaults(String aeTitle, int port) {
        return new StorageScpConfig(aeTitle, "127.0.0.1", port, Set.of(), 8, 2, Duration.ofSeconds(60));
    }

    public StorageScpConfig withAllowedCallingAeTitles(Set<String> callers) {
        return new StorageScpConfig(aeTitle, bindAddress, port, callers, maxAssociations, workerThreads, socketTimeout,
                associateRequestTimeout);
    }

    public StorageScpConfig withMaxAssociations(int max) {
        return new StorageScpConfig(aeTitle, bindAddress, port, allowedCallingAeTitles, max,
                Math.min(workerThreads, max), socketTimeout, associateRequestTimeout);
    }

    public StorageScpConfig withAssociateRequestTimeout(Duration timeout) {
        return new StorageScpConfig(aeTitle, bindAddress, port, allowedCallingAeTitles, maxAssociations, workerThreads,
                socketTimeout, timeout);
    }

    boolean acceptsCaller(String callingAeTitle) {
        return allowedCallingAeTitles.isEmpty() || allowedCallingAeTitles.contains(callingAeTitle);
    }

    /** PS3.5 6.2 VR AE: the default repertoire without control characters and backslash. */
    static boolean isAeCharacter(int c) {
        return c >= 0x20 && c < 0x7F && c != '\\';
    }

    /** PS3.5 AE: 1-16 characters of the default repertoire, no backslash or control characters, not all spaces. */
    static void requireAeTitle(String aeTitle, String what) {
        Objects.requireNonNull(aeTitle, what);
        if (aeTitle.isBlank() || aeTitle.length() > 16 || !aeTitle.equals(aeTitle.strip())
                || !aeTitle.chars().allMatch(StorageScpConfig::isAeCharacter)) {
            throw new IllegalArgumentException(what + ": AE title must be 1-16 printable ASCII characters"
                    + " without leading/trailing spaces or backslash: '" + aeTitle + "'");
        }
    }
}
