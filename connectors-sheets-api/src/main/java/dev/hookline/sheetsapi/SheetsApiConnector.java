package dev.hookline.sheetsapi;

import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.DirectAttempt;
import dev.hookline.plugins.DirectDelivery;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Validation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.pf4j.Extension;

/**
 * Google Sheets without a script: each call becomes a row appended with the Sheets API
 * ({@code values.append}), as a service account the sheet is shared with. Settings
 * {@code spreadsheet_id}, {@code sheet} (default {@code Sheet1}) and {@code service_account_json}
 * (secret). Delivers directly ({@link DirectDelivery}): per attempt a cached access token (a
 * signed JWT exchanged at Google's token URL), a look-up of the {@code delivery_id} column when a
 * row may already be there, and rows of queued deliveries batched into one append, at most one
 * batch a second per account (Google allows 60 writes a minute per user). Thread-safe.
 */
@Extension
public final class SheetsApiConnector implements Connector, DirectDelivery {
    public static final String ID = "sheets-api";

    private final SheetWriters writers;

    public SheetsApiConnector() {
        this(Timer.REAL);
    }

    SheetsApiConnector(Timer timer) {
        this.writers = new SheetWriters(timer);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Google Sheets (Sheets API, service account)";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of(SheetSettings.SERVICE_ACCOUNT_JSON);
    }

    /** The settings must work: a spreadsheet id, a tab name, a service account key file with client_email and an RSA private_key. */
    @Override
    public Validation validate(Destination destination) {
        try {
            ServiceAccount.parse(SheetSettings.from(destination).serviceAccountJson());
        } catch (SettingException e) {
            return Validation.settingError(e.setting(), e.getMessage());
        }
        if (SheetSettings.idInUrl(destination.url()) == null) {
            return Validation.warning("the sheets-api connector writes through the Google Sheets API and never calls "
                    + destination.url() + "; the sheet's own address (https://docs.google.com/spreadsheets/d/<id>/edit) is the clearest URL here");
        }
        return Validation.ok();
    }

    /**
     * The append of this one row without its access token: what a delivery sends at its core. The
     * hub does not call it for this connector (it delivers directly); it documents the request.
     */
    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return SheetsCalls.append(SheetsCalls.DEFAULT_BASE, SheetSettings.from(destination), null, List.of(Rows.of(event)));
    }

    @Override
    public CompletableFuture<AttemptResult> deliver(DirectAttempt attempt) {
        return writers.deliver(attempt);
    }
}
