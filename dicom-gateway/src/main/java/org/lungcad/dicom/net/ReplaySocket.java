package org.lungcad.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;

/**
 * An accepted socket whose input starts with bytes already read from it, handed to PixelMed's association
 * acceptor after {@link AssociateRequest} read the A-ASSOCIATE-RQ. PixelMed only takes a {@link Socket}, so
 * this delegates to the real one every method PixelMed's association calls on it.
 *
 * <p>It also reports when PixelMed sends A-RELEASE-RP: the association is over then, although PixelMed's thread
 * waits a while longer before closing (see {@link PixelMedTuning}); and it remembers whether PixelMed sent an A-ABORT.
 */
final class ReplaySocket extends Socket {

    /** A-RELEASE-RP (PS3.8 9.3.7): type 06, reserved, length 4, four reserved bytes. */
    private static final byte[] A_RELEASE_RP = {0x06, 0, 0, 0, 0, 0x04, 0, 0, 0, 0};
    private static final byte A_ABORT = 0x07;
    private static final int A_ABORT_LENGTH = 10;

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private volatile boolean closed;
    private volatile boolean abortSent;

    ReplaySocket(Socket socket, byte[] alreadyRead, Runnable onReleaseResponseSent) throws IOException {
        this.socket = socket;
        this.input = new SequenceInputStream(new ByteArrayInputStream(alreadyRead), socket.getInputStream());
        this.output = new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // PixelMed writes each PDU it sends as an acceptor in one call. Report before sending: once the
                // requester has the response it may open its next association at once
                if (Arrays.equals(b, off, off + len, A_RELEASE_RP, 0, A_RELEASE_RP.length)) {
                    onReleaseResponseSent.run();
                } else if (len == A_ABORT_LENGTH && b[off] == A_ABORT) {
                    abortSent = true;
                }
                out.write(b, off, len);
            }
        };
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }

    @Override
    public OutputStream getOutputStream() {
        return output;
    }

    /**
     * PixelMed closing its side: input ends, but the real socket stays open until {@link StorageAssociation} closes
     * it, a moment later, so that it can still send the A-ABORT that PixelMed leaves out after some protocol errors.
     */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (!socket.isClosed() && !socket.isInputShutdown()) {
            socket.shutdownInput(); // what PixelMed still reads (its ARTIM wait) ends as after a close
        }
    }

    @Override
    public boolean isClosed() {
        return closed || socket.isClosed();
    }

    /** Whether PixelMed sent an A-ABORT on this association. */
    boolean abortSent() {
        return abortSent;
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public synchronized int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public synchronized void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public synchronized int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
