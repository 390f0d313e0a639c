package dev.hookline.sheetsapi;

import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.DirectAttempt;
import dev.hookline.plugins.HubSettings;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connector's state: a {@link SheetWriter} per spreadsheet tab and service account, a
 * {@link WritePacer} per account, and the accounts' access tokens. Turns an attempt into a row
 * queued on its writer. Thread-safe.
 */
final class SheetWriters {
    static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    /** Writers of sheets no longer written to are dropped past this many (they only hold what a look-up re-learns). */
    private static final int WRITERS_KEPT = 1000;

    private final ConcurrentHashMap<String, SheetWriter> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, WritePacer> pacers = new ConcurrentHashMap<>();
    private final AccessTokens tokens = new AccessTokens();
    private final Timer timer;

    SheetWriters(Timer timer) {
        this.timer = timer;
    }

    CompletableFuture<AttemptResult> deliver(DirectAttempt a) {
        SheetSettings sheet;
        ServiceAccount account;
        try {
            sheet = SheetSettings.from(a.destination());
            account = ServiceAccount.of(sheet.serviceAccountJson());
        } catch (SettingException e) {
            // checked when the flow was saved; a stored value that no longer passes will never work
            return CompletableFuture.completedFuture(AttemptResult.of(Verdict.permanent("the setting " + e.setting() + " " + e.getMessage())));
        }
        String tokenUrl = a.hub().get(HubSettings.GOOGLE_TOKEN_URL, DEFAULT_TOKEN_URL);
        String apiBase = a.hub().get(HubSettings.SHEETS_API_URL, SheetsCalls.DEFAULT_BASE);
        WritePacer pacer = pacers.computeIfAbsent(account.clientEmail() + " " + apiBase, k -> new WritePacer());
        long held = pacer.heldFor(timer.nowMillis());
        if (held > 0) return CompletableFuture.completedFuture(rateLimited(account, held));

        SheetWriter.Target target = new SheetWriter.Target(sheet, account, tokenUrl, apiBase);
        String key = String.join(" ", sheet.spreadsheetId(), sheet.sheet(), account.id(), tokenUrl, apiBase);
        if (writers.size() >= WRITERS_KEPT && !writers.containsKey(key)) writers.clear();
        SheetWriter writer = writers.computeIfAbsent(key, k -> new SheetWriter(target, tokens, pacer, timer));
        return writer.add(new SheetWriter.Pending(Rows.of(a.event()), a.event().string("delivery_id"), a.number(), a.http(), a.clock(),
                new CompletableFuture<>()));
    }

    /** A row not sent because Google answered 429 for the account a moment ago: retried once the hold is over. */
    static AttemptResult rateLimited(ServiceAccount account, long heldMillis) {
        Duration wait = Duration.ofMillis(heldMillis);
        long seconds = Math.max(1, (heldMillis + 999) / 1000);
        return new AttemptResult(Verdict.retryAfter(wait, "HTTP 429: Google's write quota of " + account.clientEmail()
                + " (60 a minute) is used up; next attempt in " + seconds + "s or later"), 429, null);
    }
}
