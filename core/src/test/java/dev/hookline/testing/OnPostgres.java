package dev.hookline.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class's hubs on PostgreSQL: before each test a new schema in the JVM's
 * {@link PgCluster}, which every {@link TestHub} started during the test uses
 * ({@code HOOKLINE_DATABASE_URL}). A subclass of an API test with this extension runs the same
 * tests against the shared store.
 */
public final class OnPostgres implements BeforeEachCallback, AfterEachCallback {
    private static volatile String current;

    /** The schema URL of the running test, or null when it runs on SQLite. */
    public static String currentUrl() {
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = PgCluster.shared().newSchemaUrl();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current = null;
    }
}
