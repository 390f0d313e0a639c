package dev.hookline.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one listening connection ({@code LISTEN}) to the store's channel: other hubs announce
 * what their commits made due ({@code due <hub> <epoch ms>}) and that they changed call flows
 * ({@code flows <hub>}); this hub's own announcements are ignored. A lost connection is made again
 * (backing off to 10 s), and since announcements may have been missed meanwhile every listener is
 * told to look afresh. Polling stays the fallback. Thread-safe.
 */
final class PgListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 1_000;
    private static final long CHECK_EVERY_NANOS = 10_000_000_000L;

    /** Opens a new connection to the database. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final String origin;
    private final List<LongConsumer> due = new CopyOnWriteArrayList<>();
    private final List<Runnable> flows = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile long heard;
    private volatile Connection current;
    private Thread thread;

    PgListener(Connector connector, String channel, String origin) {
        this.connector = connector;
        this.channel = channel;
        this.origin = origin;
    }

    void onDue(LongConsumer listener) {
        due.add(listener);
    }

    void onFlows(Runnable listener) {
        flows.add(listener);
    }

    /** Announcements heard from other hubs so far. */
    long heard() {
        return heard;
    }

    synchronized void start() {
        thread = new Thread(this::run, "hookline-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 250;
        boolean first = true;
        while (!closed) {
            try (Connection c = connector.open()) {
                current = c;
                if (closed) return;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (!first) {
                    log.info("listening for other hubs again; looking afresh for what they announced meanwhile");
                    lost();
                }
                first = false;
                backoff = 250;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                log.warn("the store's listening connection failed ({}); connecting again in {} ms", e.getMessage(), backoff);
                first = false;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(10_000, backoff * 2);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!closed) {
            PGNotification[] got = pg.getNotifications(POLL_MILLIS);
            if (got != null) {
                for (PGNotification n : got) dispatch(n.getParameter());
            }
            if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // a dead connection is noticed here, not at the next announcement
                }
                checked = System.nanoTime();
            }
        }
    }

    private void dispatch(String payload) {
        String[] p = payload.split(" ");
        if (p.length < 2 || p[1].equals(origin)) return;
        heard++;
        try {
            if (p[0].equals("due") && p.length == 3) {
                long at = Long.parseLong(p[2]);
                for (LongConsumer l : due) l.accept(at);
            } else if (p[0].equals("flows")) {
                for (Runnable r : flows) r.run();
            }
        } catch (RuntimeException e) {
            log.warn("an announcement from another hub could not be handled: {}", payload, e);
        }
    }

    private void lost() {
        for (LongConsumer l : due) l.accept(Long.MIN_VALUE);
        for (Runnable r : flows) r.run();
    }

    @Override
    public void close() {
        closed = true;
        Connection c = current;
        if (c != null) {
            try {
                c.close(); // ends a wait for notifications at once
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(POLL_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
