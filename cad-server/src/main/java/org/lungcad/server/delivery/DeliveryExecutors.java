package org.lungcad.server.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads of result delivery, owned by the context so they stop with it. Two senders: a PACS that hangs
 * must not hold up the other destination; the retry scheduler only waits out backoffs, so one thread is enough.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryExecutors {

    static final String RETRY_SCHEDULER = "deliveryRetryScheduler";
    static final String SENDERS = "deliverySenders";

    @Bean(name = RETRY_SCHEDULER, destroyMethod = "shutdownNow")
    ScheduledExecutorService deliveryRetryScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "delivery-retry"));
    }

    @Bean(name = SENDERS, destroyMethod = "shutdownNow")
    ExecutorService deliverySenders() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(2, r -> daemon(r, "delivery-" + n.incrementAndGet()));
    }

    // daemon: shutdownNow cannot interrupt a send blocked on a PACS that stopped answering; it must not keep the JVM up
    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
