package dev.hookline.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Receivers that accept connections and read requests but never answer, on one loopback address
 * each, all served by one selector thread. The isolation run needs 200 of them: as 200 Jetty
 * servers they were ~1,000 threads in the bench, whose stacks every young collection of the bench
 * scans, and those 20–35 ms pauses of the load generator landed in the healthy receiver's figures.
 * A connection lives until the hub gives up on it and closes it.
 */
final class HangingReceivers implements AutoCloseable {
    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Listens on 127.0.0.2 … 127.0.0.(1 + count), each on a free port. */
    HangingReceivers(int count) throws IOException {
        selector = Selector.open();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocketChannel s = ServerSocketChannel.open();
                servers.add(s);
                s.bind(new InetSocketAddress("127.0.0." + (2 + i), 0), 1024);
                s.configureBlocking(false);
                s.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        thread = new Thread(this::run, "bench-hanging-receivers");
        thread.setDaemon(true);
        thread.start();
    }

    String url(int i, String path) {
        InetSocketAddress a;
        try {
            a = (InetSocketAddress) servers.get(i).getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path;
    }

    private void run() {
        ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
        while (!closed) {
            try {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) continue;
                    if (k.isAcceptable()) {
                        SocketChannel c = ((ServerSocketChannel) k.channel()).accept();
                        if (c == null) continue;
                        c.configureBlocking(false);
                        c.register(selector, SelectionKey.OP_READ);
                    } else if (k.isReadable()) {
                        SocketChannel c = (SocketChannel) k.channel();
                        sink.clear();
                        int n;
                        try {
                            n = c.read(sink);
                        } catch (IOException e) {
                            n = -1;
                        }
                        if (n < 0) {
                            k.cancel();
                            c.close();
                        }
                    }
                }
            } catch (IOException e) {
                if (!closed) System.out.println("  (hanging receivers: " + e + ")");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SelectionKey k : selector.keys()) {
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (ServerSocketChannel s : servers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
