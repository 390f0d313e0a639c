package dev.hookline.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRetentionContractTest extends RetentionContractTest {
    @TempDir Path dir;

    @Override
    protected Store open() {
        return sqlite(dir);
    }
}
