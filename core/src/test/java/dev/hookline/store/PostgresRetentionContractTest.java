package dev.hookline.store;

class PostgresRetentionContractTest extends RetentionContractTest {
    @Override
    protected Store open() {
        return postgres();
    }
}
