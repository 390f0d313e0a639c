package dev.hookline.store;

class PostgresSettingsContractTest extends SettingsContractTest {
    @Override
    protected Store open() {
        return postgres();
    }
}
