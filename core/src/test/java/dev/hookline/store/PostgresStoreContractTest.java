package dev.hookline.store;

import dev.hookline.store.postgres.PostgresStore;
import dev.hookline.testing.PgCluster;

class PostgresStoreContractTest extends StoreContractTest {
    @Override
    protected Store open() {
        return PostgresStore.open(PgCluster.shared().newSchemaUrl(), codec, clock, LEASE);
    }
}
