package dev.hookline.store;

import dev.hookline.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreContractTest extends StoreContractTest {
    @TempDir Path dir;

    @Override
    protected Store open() {
        return SqliteStore.open(dir, false, codec);
    }
}
