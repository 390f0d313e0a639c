package dev.hookline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback receiver written on plain sockets that misbehaves the way no HTTP library would let
 * a server misbehave: it hangs, resets half-way, streams without end, drips, sends megabytes of
 * headers or a status line that is not HTTP. One thread per connection; {@link #close} ends them.
 */
public final class HostileServer implements AutoCloseable {

    public enum Mode {
        /** Reads the request and never answers. */
        HANG,
        /** 200 with a Content-Length of 100,000, 100 bytes of it, then a TCP reset. */
        RESET_MID_BODY,
        /** 200, chunked, chunks without end as fast as the client reads. */
        ENDLESS_BODY,
        /** 200 at once, then the body one byte every 50 ms. */
        DRIP_BODY,
        /** The status line, then the headers one byte every 50 ms. */
        DRIP_HEADERS,
        /** 200, then header lines without end as fast as the client reads (up to 64 MiB). */
        HUGE_HEADERS,
        /** A first line that is not HTTP, then the connection stays open. */
        GARBAGE_STATUS,
        /** 302 back to the same URL, every time. */
        REDIRECT_LOOP
    }

    private final ServerSocket server;
    private final Mode mode;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private HostileServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        acceptor = new Thread(this::accept, "hostile-" + mode.name().toLowerCase(Locale.ROOT));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static HostileServer start(Mode mode) {
        try {
            return new HostileServer(mode);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Requests read so far. */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "hostile-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head == null) return;
            skipBody(in, head);
            requests.incrementAndGet();
            OutputStream out = s.getOutputStream();
            switch (mode) {
                case HANG -> idle();
                case RESET_MID_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100)));
                    out.flush();
                    s.setSoLinger(true, 0); // close now sends RST
                }
                case ENDLESS_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"));
                    byte[] chunk = ascii("4000\r\n" + "y".repeat(0x4000) + "\r\n");
                    while (!closed) out.write(chunk);
                }
                case DRIP_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"));
                    out.flush();
                    drip(out, "z");
                }
                case DRIP_HEADERS -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\n"));
                    out.flush();
                    drip(out, "X-Slow: a");
                }
                case HUGE_HEADERS -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\n"));
                    byte[] line = ascii("X-Filler: " + "h".repeat(1000) + "\r\n");
                    for (int i = 0; i < 64 * 1024 && !closed; i++) out.write(line);
                    idle();
                }
                case GARBAGE_STATUS -> {
                    out.write(ascii("SURPRISE \u0001\u0002 not http at all\r\n\r\n"));
                    out.flush();
                    idle();
                }
                case REDIRECT_LOOP -> {
                    String path = head.split(" ", 3)[1];
                    out.write(ascii("HTTP/1.1 302 Found\r\nLocation: " + path + "\r\nContent-Length: 0\r\n\r\n"));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client gave up: the point of most modes
        } finally {
            open.remove(s);
        }
    }

    private void drip(OutputStream out, String text) throws IOException, InterruptedException {
        for (int i = 0; !closed; i++) {
            out.write(text.charAt(i % text.length()));
            out.flush();
            Thread.sleep(50);
        }
    }

    private void idle() throws InterruptedException {
        while (!closed) Thread.sleep(50);
    }

    /** The request line and headers, or null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) return sb.toString();
            if (sb.length() > 64 * 1024) return null;
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                long n = Long.parseLong(line.substring(15).trim());
                while (n > 0) {
                    long skipped = in.skip(n);
                    if (skipped <= 0 && in.read() < 0) return;
                    n -= Math.max(1, skipped);
                }
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
