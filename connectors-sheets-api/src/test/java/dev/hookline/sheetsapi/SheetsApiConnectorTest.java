package dev.hookline.sheetsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.DirectAttempt;
import dev.hookline.plugins.HubSettings;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The connector against Google's token endpoint and Sheets API in memory, with a test clock as its timer: no waiting. */
class SheetsApiConnectorTest {
    final TestClock clock = new TestClock(Instant.parse("2026-03-30T14:30:00Z"));
    final FakeGoogle google = new FakeGoogle(clock, TestAccounts.KEYS.getPublic());
    final SheetsApiConnector connector = new SheetsApiConnector(clock);
    final HubSettings hub = new HubSettings(Map.of(HubSettings.GOOGLE_TOKEN_URL, FakeGoogle.TOKEN_URL, HubSettings.SHEETS_API_URL, FakeGoogle.API));
    final Destination sheet = new Destination("https://docs.google.com/spreadsheets/d/" + FakeGoogle.SPREADSHEET + "/edit",
            Map.of("service_account_json", TestAccounts.keyFile()));
    int calls;

    CompletableFuture<AttemptResult> deliver(String deliveryId, int attempt) {
        CallEvent event = CallEvent.example().with("delivery_id", deliveryId).with("attempt", (long) attempt)
                .with("call_id", "call-" + (++calls));
        return connector.deliver(new DirectAttempt(event, sheet, google, hub, clock));
    }

    AttemptResult deliverNow(String deliveryId, int attempt) {
        CompletableFuture<AttemptResult> r = deliver(deliveryId, attempt);
        clock.runAll();
        return r.join();
    }

    @Test
    void theFirstRowGoesUnderAHeaderRowWithASignedTokenExchange() {
        AttemptResult r = deliverNow("d-1", 1);

        assertThat(r.verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.responseBody()).contains("updatedRange");
        assertThat(google.rows).hasSize(2);
        assertThat(google.rows.get(0)).containsExactlyElementsOf(CallEvent.FIELDS);
        assertThat(google.rows.get(1).get(Rows.DELIVERY_ID_COLUMN)).isEqualTo("d-1");
        assertThat(google.rows.get(1).get(CallEvent.FIELDS.indexOf("caller_number"))).isEqualTo("+13055559876");
        // the token exchange, the look-up of the empty sheet, the append
        assertThat(google.requests).extracting(req -> req.method() + " " + req.url().replaceAll("\\?.*", "")).containsExactly(
                "POST " + FakeGoogle.TOKEN_URL,
                "GET " + FakeGoogle.API + "/v4/spreadsheets/" + FakeGoogle.SPREADSHEET + "/values/%27Sheet1%27%21AK%3AAK",
                "POST " + FakeGoogle.API + "/v4/spreadsheets/" + FakeGoogle.SPREADSHEET + "/values/%27Sheet1%27%21A1:append");
        var claims = google.claims.get(0);
        assertThat(claims.get("exp").getAsLong() - claims.get("iat").getAsLong()).isEqualTo(3600);
        assertThat(claims.get("iat").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpires() {
        deliverNow("d-1", 1);
        deliverNow("d-2", 1);
        clock.advance(Duration.ofMinutes(57));
        deliverNow("d-3", 1);
        assertThat(google.tokenExchanges()).isEqualTo(1);
        // 3599 s of life, replaced 60 s before its end
        clock.advance(Duration.ofMinutes(2));
        deliverNow("d-4", 1);
        assertThat(google.tokenExchanges()).isEqualTo(2);
        assertThat(google.dataRows()).extracting(row -> row.get(Rows.DELIVERY_ID_COLUMN)).containsExactly("d-1", "d-2", "d-3", "d-4");
        // once the sheet is known to have its header, first attempts are appended without a look-up
        assertThat(google.reads).isEqualTo(1);
    }

    @Test
    void aRetryAfterAnAppendWhoseAnswerWasLostWritesNoSecondRow() {
        deliverNow("d-0", 1);
        google.loseNextAppendAnswer();
        AttemptResult lost = deliverNow("d-1", 1);
        assertThat(lost.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(lost.verdict().reason()).isEqualTo("timed out after 10s");

        AttemptResult retried = deliverNow("d-1", 2);
        assertThat(retried.verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(retried.responseBody()).isEqualTo(SheetWriter.ALREADY_WRITTEN);
        assertThat(google.dataRows()).extracting(row -> row.get(Rows.DELIVERY_ID_COLUMN)).containsExactly("d-0", "d-1");
        assertThat(google.appends).isEqualTo(2);
    }

    @Test
    void rowsThatQueueUpGoInOneAppendAndAppendsAreASecondApart() {
        deliverNow("d-0", 1);
        List<CompletableFuture<AttemptResult>> burst = new ArrayList<>();
        for (int i = 1; i <= 40; i++) burst.add(deliver("d-" + i, 1));
        assertThat(clock.pending()).hasSize(1);
        long before = clock.millis();
        clock.runAll();

        assertThat(burst).allSatisfy(f -> assertThat(f.join().verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS));
        assertThat(google.appends).isEqualTo(2);
        assertThat(google.dataRows()).hasSize(41);
        assertThat(clock.millis() - before).as("the second append waited for the account's next slot").isEqualTo(WritePacer.SPACING_MILLIS);
    }

    @Test
    void a429WithRetryAfterHoldsTheAccountAndRowsMeanwhileWaitWithoutARequest() {
        deliverNow("d-0", 1);
        google.throttle(1, "20");
        AttemptResult limited = deliverNow("d-1", 1);
        assertThat(limited.verdict().kind()).isEqualTo(Verdict.Kind.RETRY_AFTER);
        assertThat(limited.verdict().retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.verdict().reason()).contains("RESOURCE_EXHAUSTED").contains("next attempt in 20s");

        int sent = google.requests.size();
        clock.advance(Duration.ofSeconds(5));
        AttemptResult held = deliver("d-2", 1).join();
        assertThat(held.verdict().kind()).isEqualTo(Verdict.Kind.RETRY_AFTER);
        assertThat(held.verdict().retryAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(google.requests).hasSize(sent);

        clock.advance(Duration.ofSeconds(15));
        assertThat(deliverNow("d-1", 2).verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(google.dataRows()).extracting(row -> row.get(Rows.DELIVERY_ID_COLUMN)).containsExactly("d-0", "d-1");
    }

    @Test
    void a429WithoutRetryAfterIsRetriedOnTheHubsScheduleAndBacksOff() {
        deliverNow("d-0", 1);
        google.throttle(1, null);
        AttemptResult limited = deliverNow("d-1", 1);
        assertThat(limited.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(limited.verdict().reason()).contains("rate limited");
        // held for the first back-off step (2 s)
        assertThat(deliver("d-2", 1).join().verdict().retryAfter()).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(deliverNow("d-2", 1).verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
    }

    @Test
    void aRefusedTokenIsReplacedOnTheNextAttempt() {
        deliverNow("d-0", 1);
        google.tokens.clear(); // revoked
        AttemptResult refused = deliverNow("d-1", 1);
        assertThat(refused.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.verdict().reason()).startsWith("HTTP 401 UNAUTHENTICATED").contains("the next attempt gets a new one");
        assertThat(deliverNow("d-1", 2).verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(google.tokenExchanges()).isEqualTo(2);
    }

    @Test
    void aSheetNotSharedIsRetriedWithAdviceAndAMissingSpreadsheetIsFinal() {
        google.failNextWith(403);
        AttemptResult forbidden = deliverNow("d-1", 1);
        assertThat(forbidden.verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(forbidden.verdict().reason()).contains("share the spreadsheet " + FakeGoogle.SPREADSHEET + " with " + TestAccounts.EMAIL);

        Destination missing = new Destination("https://docs.google.com/spreadsheets/d/1NoSuchSpreadsheet000000/edit",
                Map.of("service_account_json", TestAccounts.keyFile()));
        CompletableFuture<AttemptResult> r = connector.deliver(new DirectAttempt(CallEvent.example(), missing, google, hub, clock));
        clock.runAll();
        assertThat(r.join().verdict().kind()).isEqualTo(Verdict.Kind.PERMANENT);
        assertThat(r.join().verdict().reason()).contains("there is no spreadsheet 1NoSuchSpreadsheet000000");
    }

    @Test
    void aBadKeyIsRefusedByTheTokenEndpointWithoutShowingTheKey() {
        String otherKey = TestAccounts.keyFile(TestAccounts.EMAIL, TestAccounts.generate());
        Destination wrong = new Destination(sheet.url(), Map.of("service_account_json", otherKey));
        CompletableFuture<AttemptResult> r = connector.deliver(new DirectAttempt(CallEvent.example(), wrong, google, hub, clock));
        clock.runAll();
        assertThat(r.join().verdict().kind()).isEqualTo(Verdict.Kind.RETRY);
        assertThat(r.join().verdict().reason()).contains("refused service account " + TestAccounts.EMAIL)
                .contains("HTTP 400 invalid_grant (Invalid JWT Signature.)").doesNotContain("PRIVATE KEY");
        assertThat(r.join().responseBody()).isNull();
        assertThat(google.rows).isEmpty();
    }

    @Test
    void rowsOfAnotherTabAreLookedUpAndAppendedThere() {
        Destination tab = new Destination("https://docs.google.com/spreadsheets/d/" + FakeGoogle.SPREADSHEET,
                Map.of("service_account_json", TestAccounts.keyFile(), "sheet", "Bob's calls"));
        CompletableFuture<AttemptResult> r = connector.deliver(new DirectAttempt(CallEvent.example(), tab, google, hub, clock));
        clock.runAll();
        // the emulated spreadsheet has only Sheet1: Google's 400 is final
        assertThat(r.join().verdict().kind()).isEqualTo(Verdict.Kind.PERMANENT);
        assertThat(r.join().verdict().reason()).contains("'Bob''s calls'!AK:AK").contains("is there a tab named 'Bob's calls'?");
        assertThat(google.requests.get(1).url()).contains("/values/%27Bob%27%27s%20calls%27%21AK%3AAK?majorDimension=COLUMNS");
    }

    @Test
    void anAttemptTheHubAlreadyEndedIsNotWritten() {
        deliverNow("d-0", 1);
        CompletableFuture<AttemptResult> abandoned = deliver("d-1", 1);
        CompletableFuture<AttemptResult> kept = deliver("d-2", 1);
        abandoned.complete(AttemptResult.of(Verdict.retry("timed out after 10s")));
        clock.runAll();
        assertThat(kept.join().verdict().kind()).isEqualTo(Verdict.Kind.SUCCESS);
        assertThat(google.dataRows()).extracting(row -> row.get(Rows.DELIVERY_ID_COLUMN)).containsExactly("d-0", "d-2");
    }
}
