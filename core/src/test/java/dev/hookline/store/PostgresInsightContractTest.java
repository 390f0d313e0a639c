package dev.hookline.store;

class PostgresInsightContractTest extends InsightContractTest {
    @Override
    protected Store open() {
        return postgres();
    }
}
