package dev.hookline.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receivers that misbehave below HTTP, written on plain sockets and served by one selector thread:
 * each {@link Mode} listens on its own loopback addresses (127.(10 + mode).x.y), so the hub sees one
 * endpoint host per address. Counts the requests each mode read: one per attempt that reached it.
 */
final class HostileReceivers implements AutoCloseable {

    enum Mode {
        /** Reads the request, never answers. */
        HANG,
        /** 200 with Content-Length 100,000, 100 bytes, then a TCP reset. */
        RESET_MID_BODY,
        /** 200, chunked, as fast as the hub reads, without end (server-side cap 16 MiB). */
        ENDLESS_BODY,
        /** 200 at once, then the body one byte every 100 ms. */
        DRIP_BODY,
        /** The status line, then the headers one byte every 100 ms. */
        DRIP_HEADERS,
        /** 200, then header lines as fast as the hub reads (server-side cap 64 MiB). */
        HUGE_HEADERS,
        /** A first line that is not HTTP; the connection stays open. */
        GARBAGE_STATUS,
        /** 302 back to the same URL, on the same connection, every time. */
        REDIRECT_LOOP
    }

    private static final long DRIP_NANOS = 100_000_000L;
    private static final byte[] CHUNK = ascii("4000\r\n" + "y".repeat(0x4000) + "\r\n");
    private static final byte[] HEADER_LINE = ascii("X-Filler: " + "h".repeat(1000) + "\r\n");

    /** One connection: what it has read of the current request, and what it owes the hub. */
    private static final class Conn {
        final Mode mode;
        final StringBuilder head = new StringBuilder();
        long bodyLeft = -1;
        boolean answering;
        ByteBuffer pending;
        long streamed;
        long nextDrip;
        int dripped;
        String path = "/";

        Conn(Mode mode) {
            this.mode = mode;
        }
    }

    private final Selector selector;
    private final Map<Mode, List<String>> urls = new EnumMap<>(Mode.class);
    private final Map<Mode, AtomicLong> requests = new EnumMap<>(Mode.class);
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<SelectionKey> dripping = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code hostsPerMode} addresses for each mode, each on a free port. */
    HostileReceivers(int hostsPerMode) throws IOException {
        selector = Selector.open();
        try {
            for (Mode m : Mode.values()) {
                requests.put(m, new AtomicLong());
                List<String> list = new ArrayList<>();
                for (int i = 0; i < hostsPerMode; i++) {
                    String host = "127." + (10 + m.ordinal()) + "." + (i / 250) + "." + (1 + i % 250);
                    ServerSocketChannel s = ServerSocketChannel.open();
                    servers.add(s);
                    s.bind(new InetSocketAddress(host, 0), 1024);
                    s.configureBlocking(false);
                    s.register(selector, SelectionKey.OP_ACCEPT, m);
                    list.add("http://" + host + ":" + ((InetSocketAddress) s.getLocalAddress()).getPort() + "/hook/" + m.name().toLowerCase(Locale.ROOT));
                }
                urls.put(m, list);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        thread = new Thread(this::run, "bench-hostile-receivers");
        thread.setDaemon(true);
        thread.start();
    }

    List<String> urls(Mode m) {
        return urls.get(m);
    }

    long requests(Mode m) {
        return requests.get(m).get();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (!closed) {
            try {
                selector.select(20);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    try {
                        if (!k.isValid()) continue;
                        if (k.isAcceptable()) accept(k);
                        else {
                            if (k.isReadable()) read(k, buf);
                            if (k.isValid() && k.isWritable()) write(k);
                        }
                    } catch (IOException gone) {
                        drop(k);
                    }
                }
                drip();
            } catch (IOException | RuntimeException e) {
                if (!closed) System.err.println("hostile receivers: " + e);
            }
        }
    }

    private void accept(SelectionKey k) throws IOException {
        SocketChannel c = ((ServerSocketChannel) k.channel()).accept();
        if (c == null) return;
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ, new Conn((Mode) k.attachment()));
    }

    private void read(SelectionKey k, ByteBuffer buf) throws IOException {
        Conn conn = (Conn) k.attachment();
        buf.clear();
        int n = ((SocketChannel) k.channel()).read(buf);
        if (n < 0) {
            drop(k);
            return;
        }
        if (conn.answering) return; // whatever else the hub sends is dropped
        buf.flip();
        while (buf.hasRemaining() && !conn.answering) {
            if (conn.bodyLeft < 0) {
                conn.head.append((char) (buf.get() & 0xff));
                if (conn.head.length() > 64 * 1024) throw new IOException("request head too long");
                if (endsWithBlankLine(conn.head)) conn.bodyLeft = contentLength(conn.head);
            } else {
                int skip = (int) Math.min(conn.bodyLeft, buf.remaining());
                buf.position(buf.position() + skip);
                conn.bodyLeft -= skip;
            }
            if (conn.bodyLeft == 0) answer(k, conn);
        }
    }

    private void answer(SelectionKey k, Conn conn) throws IOException {
        requests.get(conn.mode).incrementAndGet();
        String[] line = conn.head.toString().split(" ", 3);
        conn.path = line.length > 1 ? line[1] : "/";
        conn.answering = true;
        SocketChannel c = (SocketChannel) k.channel();
        switch (conn.mode) {
            case HANG -> { }
            case RESET_MID_BODY -> {
                c.write(ByteBuffer.wrap(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100))));
                c.setOption(StandardSocketOptions.SO_LINGER, 0);
                drop(k);
            }
            case ENDLESS_BODY -> stream(k, conn, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            case HUGE_HEADERS -> stream(k, conn, "HTTP/1.1 200 OK\r\n");
            case DRIP_BODY -> startDrip(k, conn, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
            case DRIP_HEADERS -> startDrip(k, conn, "HTTP/1.1 200 OK\r\n");
            case GARBAGE_STATUS -> c.write(ByteBuffer.wrap(ascii("SURPRISE \u0001\u0002 not http at all\r\n\r\n")));
            case REDIRECT_LOOP -> {
                c.write(ByteBuffer.wrap(ascii("HTTP/1.1 302 Found\r\nLocation: " + conn.path + "\r\nContent-Length: 0\r\n\r\n")));
                conn.head.setLength(0); // the same connection may bring the next request
                conn.bodyLeft = -1;
                conn.answering = false;
            }
        }
    }

    private void stream(SelectionKey k, Conn conn, String head) throws IOException {
        conn.pending = ByteBuffer.wrap(ascii(head));
        k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        write(k);
    }

    /** Writes a streaming mode's bytes while the socket takes them, up to its cap. */
    private void write(SelectionKey k) throws IOException {
        Conn conn = (Conn) k.attachment();
        SocketChannel c = (SocketChannel) k.channel();
        long cap = conn.mode == Mode.HUGE_HEADERS ? 64L << 20 : 16L << 20;
        while (true) {
            if (conn.pending == null || !conn.pending.hasRemaining()) {
                if (conn.streamed >= cap) {
                    k.interestOps(SelectionKey.OP_READ);
                    return;
                }
                conn.pending = ByteBuffer.wrap(conn.mode == Mode.HUGE_HEADERS ? HEADER_LINE : CHUNK);
            }
            int n = c.write(conn.pending);
            if (n == 0) return;
            conn.streamed += n;
        }
    }

    private void startDrip(SelectionKey k, Conn conn, String head) throws IOException {
        ((SocketChannel) k.channel()).write(ByteBuffer.wrap(ascii(head)));
        conn.nextDrip = System.nanoTime() + DRIP_NANOS;
        dripping.add(k);
    }

    private void drip() {
        long now = System.nanoTime();
        for (Iterator<SelectionKey> it = dripping.iterator(); it.hasNext(); ) {
            SelectionKey k = it.next();
            Conn conn = (Conn) k.attachment();
            if (!k.isValid()) {
                it.remove();
                continue;
            }
            if (now < conn.nextDrip) continue;
            conn.nextDrip = now + DRIP_NANOS;
            byte b = conn.mode == Mode.DRIP_HEADERS ? (byte) "X-Slow: a\r\n".charAt(conn.dripped % 11) : (byte) 'z';
            conn.dripped++;
            try {
                ((SocketChannel) k.channel()).write(ByteBuffer.wrap(new byte[] {b}));
            } catch (IOException gone) {
                it.remove();
                drop(k);
            }
        }
    }

    private static boolean endsWithBlankLine(StringBuilder sb) {
        int n = sb.length();
        return n >= 4 && sb.charAt(n - 4) == '\r' && sb.charAt(n - 3) == '\n' && sb.charAt(n - 2) == '\r' && sb.charAt(n - 1) == '\n';
    }

    private static long contentLength(StringBuilder head) {
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) return Long.parseLong(line.substring(15).trim());
        }
        return 0;
    }

    private static void drop(SelectionKey k) {
        k.cancel();
        try {
            k.channel().close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.wakeup();
            if (thread != null) thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) drop(k);
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
