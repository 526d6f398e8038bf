package org.lungcad.dicom.net;

import org.lungcad.dicom.series.ReceivedInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Storage SCP and Verification SCP on one AE title: binds the configured address, accepts on one thread and
 * serves each association on a bounded pool (PixelMed's own dispatcher binds all interfaces and starts a
 * thread per connection without limit). Every C-STORE is answered only after the {@link StorageHandler} made the
 * instance durable; {@code onReceived} is then called on the association thread and must only enqueue.
 *
 * <p>The threads are passed in ({@link Threads}) and stay the caller's; only the short constructor makes its own
 * and stops them on {@link #close()}.
 */
public final class StorageScp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageScp.class);

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final Duration RELEASE_LINGER = Duration.ofMillis(200);
    private static final int BACKLOG = 50;

    private final StorageScpConfig config;
    private final StorageHandler storage;
    private final Consumer<ReceivedInstance> onReceived;
    private final AssociationListener listener;
    private final Threads threads;
    private final boolean ownsThreads;
    private final Clock clock;

    private final Semaphore admission;
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder instancesReceived = new LongAdder();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    /** Connections that have not sent their A-ASSOCIATE-RQ yet, oldest first. */
    private final Deque<Socket> pending = new ConcurrentLinkedDeque<>();

    private volatile ServerSocket serverSocket;
    private volatile boolean closed;
    private volatile Thread acceptor;
    private final Object ended = new Object();

    /**
     * The SCP's threads: {@code negotiations} reads each new connection's A-ASSOCIATE-RQ (and answers those over the
     * association limit with A-ASSOCIATE-RJ); {@code associations} serves admitted associations (at least
     * {@code maxAssociations} threads, see {@link #forConfig}).
     */
    public record Threads(ExecutorService associations, ExecutorService negotiations) {

        public Threads {
            Objects.requireNonNull(associations, "associations");
            Objects.requireNonNull(negotiations, "negotiations");
        }

        /**
         * The pools this SCP is sized for: association threads kept warm up to {@code workerThreads}, growing to
         * twice {@code maxAssociations} (a released association's thread lingers in PixelMed briefly after its slot
         * is free again); negotiation threads for twice the pending connections allowed (an evicted connection's
         * thread takes a moment to notice).
         */
        public static Threads forConfig(StorageScpConfig config) {
            int max = config.maxAssociations();
            ThreadPoolExecutor workers = new ThreadPoolExecutor(config.workerThreads(), 2 * max, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), threads("dicom-scp-association-"), StorageScp::awaitFreeWorker);
            workers.prestartAllCoreThreads();
            ThreadPoolExecutor negotiations = new ThreadPoolExecutor(2, 2 * config.maxPendingConnections(), 60,
                    TimeUnit.SECONDS, new SynchronousQueue<>(), threads("dicom-scp-negotiate-"));
            return new Threads(workers, negotiations);
        }

        /** Stops both pools, interrupting what still runs; for the owner, after the SCP is closed. */
        public void shutdownNow() {
            associations.shutdownNow();
            negotiations.shutdownNow();
        }
    }

    /** With threads of its own (stopped on close), the system clock and no listener. */
    public StorageScp(StorageScpConfig config, StorageHandler storage, Consumer<ReceivedInstance> onReceived) {
        this(config, storage, onReceived, AssociationListener.NONE, Threads.forConfig(config), true,
                Clock.systemUTC());
    }

    /** With the caller's threads and clock; the threads stay running after {@link #close()}. */
    public StorageScp(StorageScpConfig config, StorageHandler storage, Consumer<ReceivedInstance> onReceived,
                      AssociationListener listener, Threads threads, Clock clock) {
        this(config, storage, onReceived, listener, threads, false, clock);
    }

    private StorageScp(StorageScpConfig config, StorageHandler storage, Consumer<ReceivedInstance> onReceived,
                       AssociationListener listener, Threads threads, boolean ownsThreads, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.onReceived = Objects.requireNonNull(onReceived, "onReceived");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.ownsThreads = ownsThreads;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admission = new Semaphore(config.maxAssociations());
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException if the address cannot be bound (port in use, address not local)
     */
    public synchronized void start() throws IOException {
        if (serverSocket != null || closed) {
            throw new IllegalStateException("a StorageScp starts once");
        }
        PixelMedTuning.limitReleaseLinger(RELEASE_LINGER);
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        int max = config.maxAssociations();
        serverSocket = socket;
        acceptor = new Thread(this::acceptLoop, "dicom-scp-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("DICOM Storage SCP {} listening on {}:{} (max {} associations, callers: {})", config.aeTitle(),
                config.bindAddress(), port(), max,
                config.allowedCallingAeTitles().isEmpty() ? "any" : config.allowedCallingAeTitles());
    }

    /** The bound port, the real one when configured as 0; -1 before {@link #start()}. */
    public int port() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** Started, not closed, and still accepting. */
    public boolean isRunning() {
        Thread accepting = acceptor;
        return !closed && accepting != null && accepting.isAlive();
    }

    /** Associations being served now (negotiating or transferring; a released one no longer counts). */
    public int activeAssociations() {
        return active.get();
    }

    /** Instances spooled and acknowledged with success since start. */
    public long instancesReceived() {
        return instancesReceived.sum();
    }

    public StorageScpConfig config() {
        return config;
    }

    /** Stops accepting, lets running associations finish for a short grace period, then cuts them off. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ServerSocket socket = serverSocket;
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing server socket: {}", e.getMessage());
        }
        pending.forEach(StorageAssociation::closeQuietly);
        try {
            acceptor.join(SHUTDOWN_GRACE.toMillis());
            if (!awaitNoAssociation(SHUTDOWN_GRACE)) {
                log.warn("Cutting off {} DICOM association(s) still open at shutdown", active.get());
                openSockets.forEach(StorageAssociation::closeQuietly);
                awaitNoAssociation(SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownsThreads) {
                threads.shutdownNow();
            }
        }
        log.info("DICOM Storage SCP {} stopped; {} instance(s) received", config.aeTitle(), instancesReceived());
    }

    /** Waits until no association is served (released, aborted or cut off); false if the time ran out. */
    private boolean awaitNoAssociation(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ended) {
            while (active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(ended, left);
            }
        }
        return true;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("DICOM Storage SCP stops accepting: {}", e.toString());
                }
                return;
            }
            dispatch(socket);
        }
    }

    /**
     * A new connection takes no association slot until it has asked to associate: it waits for its A-ASSOCIATE-RQ
     * on a negotiation thread for at most the ARTIM timeout, and when too many wait the oldest is closed, so idle or
     * slow sockets cannot lock a real sender out.
     */
    private void dispatch(Socket socket) {
        while (pending.size() >= config.maxPendingConnections()) {
            Socket oldest = pending.pollFirst();
            if (oldest != null) {
                log.warn("Connection from {} closed: it had not sent an A-ASSOCIATE-RQ and {} newer connections wait",
                        StorageAssociation.describe(oldest.getRemoteSocketAddress()), config.maxPendingConnections());
                StorageAssociation.closeQuietly(oldest);
            }
        }
        pending.addLast(socket);
        try {
            threads.negotiations().execute(() -> negotiate(socket));
        } catch (RejectedExecutionException e) {
            pending.remove(socket);
            log.warn("Connection from {} dropped: {}", StorageAssociation.describe(socket.getRemoteSocketAddress()),
                    e.getMessage());
            StorageAssociation.closeQuietly(socket);
        }
    }

    private void negotiate(Socket socket) {
        String remote = StorageAssociation.describe(socket.getRemoteSocketAddress());
        AssociateRequest request;
        try {
            socket.setSoTimeout((int) config.associateRequestTimeout().toMillis());
            request = AssociateRequest.read(socket.getInputStream());
        } catch (AssociateRequest.MalformedPdu e) {
            log.warn("Connection from {} answered with A-ABORT: {}", remote, e.getMessage());
            sendAbort(socket, e);
            StorageAssociation.closeQuietly(socket);
            return;
        } catch (IOException e) {
            log.warn("Connection from {} closed before associating: {}", remote,
                    e instanceof java.net.SocketTimeoutException
                            ? "no A-ASSOCIATE-RQ within " + config.associateRequestTimeout().toMillis() + " ms"
                            : e.getMessage());
            StorageAssociation.closeQuietly(socket);
            return;
        } finally {
            pending.remove(socket);
        }
        Optional<String> busy = intakeRefusal();
        if (busy.isPresent()) {
            reject(socket, request, remote, busy.get());
            return;
        }
        if (!admission.tryAcquire()) {
            reject(socket, request, remote, config.maxAssociations() + " associations active");
            return;
        }
        openSockets.add(socket);
        active.incrementAndGet();
        AtomicBoolean endedOnce = new AtomicBoolean();
        Runnable endOfAssociation = () -> {
            if (endedOnce.compareAndSet(false, true)) {
                active.decrementAndGet();
                admission.release();
                synchronized (ended) {
                    ended.notifyAll();
                }
            }
        };
        try {
            threads.associations().execute(() -> {
                try {
                    new StorageAssociation(socket, request, config, storage, onReceived, listener, clock,
                            instancesReceived::increment, endOfAssociation).run();
                } finally {
                    openSockets.remove(socket);
                    endOfAssociation.run();
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Connection from {} dropped: {}", remote, e.getMessage());
            StorageAssociation.closeQuietly(socket);
            openSockets.remove(socket);
            endOfAssociation.run();
        }
    }

    private Optional<String> intakeRefusal() {
        try {
            return storage.intakeRefusal();
        } catch (RuntimeException e) {
            log.warn("Storage handler could not tell whether it takes new associations; taking them", e);
            return Optional.empty();
        }
    }

    /** Over a limit: A-ASSOCIATE-RJ rejected-transient, local limit exceeded, then close. */
    private void reject(Socket socket, AssociateRequest request, String remote, String why) {
        try {
            log.warn("DICOM association rejected ({}: {}): calling={} called={} remote={}",
                    AssociateReject.LOCAL_LIMIT_EXCEEDED, why, request.callingAeTitle(), request.calledAeTitle(),
                    remote);
            try {
                listener.rejected(new AssociationSummary(request.callingAeTitle(), request.calledAeTitle(), remote,
                        AssociationSummary.Outcome.REJECTED, 0, 0, Duration.ZERO), AssociateReject.LOCAL_LIMIT_EXCEEDED);
            } catch (RuntimeException e) {
                log.warn("Association listener failed", e);
            }
            StorageAssociation.sendReject(socket, AssociateReject.LOCAL_LIMIT_EXCEEDED);
        } catch (IOException e) {
            log.warn("Connection from {} over the association limit dropped: {}", remote, e.getMessage());
        } finally {
            StorageAssociation.closeQuietly(socket);
        }
    }

    private static void sendAbort(Socket socket, AssociateRequest.MalformedPdu reason) {
        try {
            socket.getOutputStream().write(reason.abortPdu());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            log.debug("A-ABORT not sent: {}", e.getMessage());
        }
    }

    /**
     * Admission already keeps associations within the pool's maximum, so a rejection only means a worker has
     * finished its association but not yet gone back to the pool: wait a moment for it.
     */
    private static void awaitFreeWorker(Runnable task, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("Storage SCP is shutting down");
        }
        try {
            if (!pool.getQueue().offer(task, 1, TimeUnit.SECONDS)) {
                throw new RejectedExecutionException("no worker became free");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException(e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
