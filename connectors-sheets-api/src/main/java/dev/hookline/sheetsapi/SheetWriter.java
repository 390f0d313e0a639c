package dev.hookline.sheetsapi;

import dev.hookline.plugins.AttemptResult;
import dev.hookline.plugins.HttpPort;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes the rows bound for one tab of one spreadsheet with one service account. Rows queue while
 * a batch is being written (or waits for the account's next {@link WritePacer} slot) and go
 * together in the next {@code values.append}, so a burst of deliveries costs a few writes. Before
 * appending a batch that holds a retried attempt (and the first batch after start, which also
 * learns whether the sheet needs its header row) the {@code delivery_id} column is read, and rows
 * already in it are not appended again. Thread-safe.
 */
final class SheetWriter {
    /** Rows in one append, and their JSON size: Google asks for requests of at most 2 MB. */
    static final int MAX_ROWS = 500;
    static final int MAX_BODY_CHARS = 1_500_000;
    static final String ALREADY_WRITTEN = "the row is already in the sheet (an earlier attempt wrote it); not appended again";

    /** One attempt's row, with the port and clock of that attempt; {@code result} is what its attempt returns. */
    record Pending(List<Object> row, String deliveryId, int attempt, HttpPort http, Clock clock, CompletableFuture<AttemptResult> result) {}

    /** Where rows go and with what: one writer per target. */
    record Target(SheetSettings sheet, ServiceAccount account, String tokenUrl, String apiBase) {}

    private final Target target;
    private final AccessTokens tokens;
    private final WritePacer pacer;
    private final Timer timer;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** A batch is being written or waits for its slot: new rows only queue. Guarded by this. */
    private boolean busy;
    /** The sheet is known to have rows, so its header: no look-up is needed for first attempts. */
    private volatile boolean headerSeen;

    SheetWriter(Target target, AccessTokens tokens, WritePacer pacer, Timer timer) {
        this.target = target;
        this.tokens = tokens;
        this.pacer = pacer;
        this.timer = timer;
    }

    CompletableFuture<AttemptResult> add(Pending p) {
        synchronized (this) {
            queue.add(p);
            if (busy) return p.result();
            busy = true;
        }
        timer.after(pacer.reserve(timer.nowMillis()), this::writeBatch);
        return p.result();
    }

    private void writeBatch() {
        long held = pacer.heldFor(timer.nowMillis());
        List<Pending> batch = take(held > 0);
        if (held > 0) {
            settle(batch, SheetWriters.rateLimited(target.account(), held));
            done();
            return;
        }
        if (batch.isEmpty()) {
            done();
            return;
        }
        try {
            write(batch).whenComplete((ok, err) -> {
                if (err != null) settle(batch, resultOf(err));
                done();
            });
        } catch (RuntimeException e) {
            settle(batch, resultOf(e));
            done();
        }
    }

    /** The rows of the next batch, oldest first, leaving out any whose attempt already ended (the hub's time-out). */
    private synchronized List<Pending> take(boolean all) {
        List<Pending> batch = new ArrayList<>();
        int chars = 0;
        while (!queue.isEmpty() && (all || batch.size() < MAX_ROWS)) {
            Pending p = queue.peek();
            if (p.result().isDone()) {
                queue.poll();
                continue;
            }
            int size = Json.write(p.row()).length();
            if (!all && !batch.isEmpty() && chars + size > MAX_BODY_CHARS) break;
            chars += size;
            batch.add(queue.poll());
        }
        return batch;
    }

    /** The batch is over: the next one takes the account's next slot, or the writer rests. */
    private void done() {
        synchronized (this) {
            if (queue.isEmpty()) {
                busy = false;
                return;
            }
        }
        timer.after(pacer.reserve(timer.nowMillis()), this::writeBatch);
    }

    /** Token, look-up when needed, append: through the port of the batch's oldest attempt (the nearest time-out). */
    private CompletableFuture<Void> write(List<Pending> batch) {
        HttpPort http = batch.get(0).http();
        Clock clock = batch.get(0).clock();
        boolean lookUp = !headerSeen || batch.stream().anyMatch(p -> p.attempt() > 1);
        return tokens.get(target.account(), target.tokenUrl(), http, clock).thenCompose(token -> {
            CompletableFuture<SheetsCalls.Column> column = lookUp
                    ? http.send(SheetsCalls.readIds(target.apiBase(), target.sheet(), token)).thenApply(a -> column(a, token))
                    : CompletableFuture.completedFuture(null);
            return column.thenCompose(c -> append(batch, c, token, http));
        });
    }

    private SheetsCalls.Column column(HttpResult answer, String token) {
        if (answer.statusCode() != 200) throw new Failure(refused(answer, token));
        SheetsCalls.Column c = SheetsCalls.column(answer);
        if (c == null) {
            throw new Failure(AttemptResult.of(Verdict.retry("the look-up of the delivery_id column got an answer without values"), answer));
        }
        if (!c.empty()) headerSeen = true;
        return c;
    }

    private CompletableFuture<Void> append(List<Pending> batch, SheetsCalls.Column column, String token, HttpPort http) {
        List<Pending> toWrite = new ArrayList<>();
        for (Pending p : batch) {
            if (column != null && column.ids().contains(p.deliveryId())) {
                p.result().complete(new AttemptResult(Verdict.success(), 200, ALREADY_WRITTEN));
            } else {
                toWrite.add(p);
            }
        }
        if (toWrite.isEmpty()) return CompletableFuture.completedFuture(null);
        List<List<Object>> values = new ArrayList<>();
        if (column != null && column.empty()) values.add(new ArrayList<>(Rows.HEADER));
        toWrite.forEach(p -> values.add(p.row()));
        return http.send(SheetsCalls.append(target.apiBase(), target.sheet(), token, values)).thenAccept(answer -> {
            if (answer.statusCode() / 100 != 2) throw new Failure(refused(answer, token));
            headerSeen = true;
            pacer.onSuccess();
            AttemptResult ok = AttemptResult.of(Verdict.success(), answer);
            toWrite.forEach(p -> p.result().complete(ok));
        });
    }

    /** A refused Sheets request: a refused token is dropped, a 429 holds the account. */
    private AttemptResult refused(HttpResult answer, String token) {
        if (answer.statusCode() == 401) tokens.forget(target.account(), target.tokenUrl(), token);
        if (answer.statusCode() == 429) pacer.onRateLimited(timer.nowMillis(), answer.retryAfter());
        return Answers.failed(answer, target.account(), target.sheet());
    }

    private static AttemptResult resultOf(Throwable err) {
        Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (e instanceof Failure f) return f.result();
        if (e instanceof IOException io) return AttemptResult.of(Verdict.retry(io.getMessage()));
        return AttemptResult.of(Verdict.retry("sheets-api failed: " + e));
    }

    private static void settle(List<Pending> batch, AttemptResult result) {
        for (Pending p : batch) p.result().complete(result);
    }
}
