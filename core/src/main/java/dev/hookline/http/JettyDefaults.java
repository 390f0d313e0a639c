package dev.hookline.http;

/**
 * Jetty settings made before Jetty's first class loads. Jetty sizes its padding against false
 * sharing by asking the JVM's management server whether object references are compressed;
 * starting that server (every platform MBean, JFR's among them) was about 0.1 s of a cold start.
 * Giving the answer as {@code org.eclipse.jetty.util.referencesPerCacheLine} skips it; an
 * operator's own {@code -D} value is kept.
 */
public final class JettyDefaults {
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final long COMPRESSED_OOPS_LIMIT = 32L << 30; // the JVM compresses references for heaps below 32 GiB

    private JettyDefaults() {}

    public static void apply() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, Integer.toString(referencesPerCacheLine(Runtime.getRuntime().maxMemory())));
        }
    }

    /** 64-byte cache lines hold 16 compressed references or 8 full ones; only a hint, so the heap size is guess enough. */
    static int referencesPerCacheLine(long maxHeapBytes) {
        return maxHeapBytes < COMPRESSED_OOPS_LIMIT ? 16 : 8;
    }
}
