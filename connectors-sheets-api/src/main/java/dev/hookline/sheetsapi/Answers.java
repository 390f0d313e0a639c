package dev.hookline.sheetsapi;

import com.google.gson.JsonObject;
import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Verdict;
import java.time.Duration;

/** What the Sheets API's error answers mean for the rows of a batch, in words a user can act on. */
final class Answers {
    /** The longest {@code Retry-After} honoured. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private Answers() {}

    static Duration capped(Duration wait) {
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /**
     * The result of a failed Sheets request. 401 is retried (the token is replaced), 403 too (the
     * sheet may yet be shared); 400 and 404 will not change with the same settings and are final;
     * 429 waits for {@code Retry-After} when given; anything else is retried.
     */
    static AttemptResult failed(HttpResult answer, ServiceAccount account, SheetSettings sheet) {
        int status = answer.statusCode();
        String what = "HTTP " + status + googleError(answer);
        Verdict v = switch (status) {
            case 401 -> Verdict.retry(what + ": the access token was refused; the next attempt gets a new one");
            case 403 -> Verdict.retry(what + ": share the spreadsheet " + sheet.spreadsheetId() + " with " + account.clientEmail()
                    + " as an editor");
            case 404 -> Verdict.permanent(what + ": there is no spreadsheet " + sheet.spreadsheetId() + " (check spreadsheet_id)");
            case 400 -> Verdict.permanent(what + " (is there a tab named '" + sheet.sheet() + "'? check sheet)");
            case 429 -> answer.retryAfter().map(w -> Verdict.retryAfter(capped(w), what + " (rate limited: next attempt in "
                    + capped(w).toSeconds() + "s or later)")).orElse(Verdict.retry(what + " (rate limited)"));
            default -> Verdict.retry(what);
        };
        return AttemptResult.of(v, answer);
    }

    /** {@code " PERMISSION_DENIED: The caller does not have permission"} from Google's error body, or the start of the body. */
    private static String googleError(HttpResult answer) {
        JsonObject error = JsonText.child(JsonText.object(answer.body()), "error");
        String status = JsonText.string(error, "status");
        String message = JsonText.string(error, "message");
        if (status == null && message == null) {
            String snippet = answer.bodySnippet(200);
            return snippet.isEmpty() ? "" : " " + snippet;
        }
        return (status == null ? "" : " " + status) + (message == null ? "" : ": " + message);
    }
}
