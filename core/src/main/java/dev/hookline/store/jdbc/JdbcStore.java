package dev.hookline.store.jdbc;

import dev.hookline.store.CallStore;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.FlowStore;
import dev.hookline.store.InsightStore;
import dev.hookline.store.KeyStore;
import dev.hookline.store.RetentionStore;
import dev.hookline.store.Store;
import dev.hookline.store.TraceStore;
import dev.hookline.store.TwilioStore;

/** A store made of a dialect's database and parts: hands the parts out and reports on the database; the dialect says what it is. */
public abstract class JdbcStore implements Store {
    private final JdbcDatabase db;
    private final CallStore calls;
    private final FlowStore flows;
    private final DeliveryStore deliveries;
    private final TraceStore traces;
    private final KeyStore keys;
    private final TwilioStore twilio;
    private final InsightStore insights;
    private final RetentionStore retention;

    protected JdbcStore(JdbcDatabase db, CallStore calls, FlowStore flows, DeliveryStore deliveries, TraceStore traces, KeyStore keys,
                        TwilioStore twilio, InsightStore insights, RetentionStore retention) {
        this.db = db;
        this.calls = calls;
        this.flows = flows;
        this.deliveries = deliveries;
        this.traces = traces;
        this.keys = keys;
        this.twilio = twilio;
        this.insights = insights;
        this.retention = retention;
    }

    @Override
    public CallStore calls() {
        return calls;
    }

    @Override
    public FlowStore flows() {
        return flows;
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public TraceStore traces() {
        return traces;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public TwilioStore twilio() {
        return twilio;
    }

    @Override
    public InsightStore insights() {
        return insights;
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public int schemaVersion() {
        return db.schemaVersion();
    }

    @Override
    public boolean healthy() {
        return db.healthy();
    }

    @Override
    public void close() {
        db.close();
    }
}
