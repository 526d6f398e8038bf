package org.lungcad.server.delivery;

import java.time.Instant;

/** Where the results of one job generation stand at one destination. */
public record DeliveryStatus(String destination, State state, int attempts, String lastError, Instant updatedAt) {

    public enum State { PENDING, DELIVERED, FAILED }
}
