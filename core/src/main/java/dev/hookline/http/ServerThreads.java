package dev.hookline.http;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server's thread pool: Javalin's default size (8 to 250 threads) without Jetty's
 * reserved threads, which park and wake a thread of their own for every request handed over.
 */
public final class ServerThreads {
    private ServerThreads() {}

    public static QueuedThreadPool pool() {
        QueuedThreadPool pool = new QueuedThreadPool(250, 8, 60_000);
        pool.setName("JettyServerThreadPool");
        pool.setReservedThreads(0);
        return pool;
    }
}
