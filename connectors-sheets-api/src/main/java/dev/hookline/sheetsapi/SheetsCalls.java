package dev.hookline.sheetsapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.OutgoingRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two Sheets API requests the connector makes: {@code values.get} of the sheet's
 * {@code delivery_id} column, and {@code values.append} of rows ({@code valueInputOption=RAW},
 * {@code insertDataOption=INSERT_ROWS}). Stateless.
 */
final class SheetsCalls {
    static final String DEFAULT_BASE = "https://sheets.googleapis.com";

    /** What the {@code delivery_id} column holds: whether the sheet is empty there, and the ids written. */
    record Column(boolean empty, Set<String> ids) {}

    private SheetsCalls() {}

    /** {@code GET …/values/'Sheet'!AK:AK?majorDimension=COLUMNS}. */
    static OutgoingRequest readIds(String base, SheetSettings s, String token) {
        String col = Rows.columnLetters(Rows.DELIVERY_ID_COLUMN);
        String url = valuesUrl(base, s, s.quotedSheet() + "!" + col + ":" + col) + "?majorDimension=COLUMNS";
        return new OutgoingRequest("GET", url, auth(token), null, null);
    }

    /** {@code POST …/values/'Sheet'!A1:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS} with the rows. */
    static OutgoingRequest append(String base, SheetSettings s, String token, List<List<Object>> rows) {
        String url = valuesUrl(base, s, s.quotedSheet() + "!A1") + ":append?valueInputOption=RAW&insertDataOption=INSERT_ROWS";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("majorDimension", "ROWS");
        body.put("values", rows);
        return new OutgoingRequest("POST", url, auth(token), "application/json; charset=utf-8",
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The ids in a {@code values.get} answer of the column; null when the answer is not what Google sends. */
    static Column column(HttpResult answer) {
        JsonObject o = JsonText.object(answer.body());
        if (o == null) return null;
        JsonElement values = o.get("values");
        if (values == null || values.isJsonNull()) return new Column(true, Set.of());
        if (!values.isJsonArray()) return null;
        Set<String> ids = new HashSet<>();
        boolean empty = true;
        for (JsonElement col : values.getAsJsonArray()) {
            if (!col.isJsonArray()) return null;
            JsonArray cells = col.getAsJsonArray();
            for (JsonElement cell : cells) {
                if (cell.isJsonPrimitive() && !cell.getAsString().isEmpty()) {
                    ids.add(cell.getAsString());
                    empty = false;
                }
            }
        }
        return new Column(empty, ids);
    }

    private static String valuesUrl(String base, SheetSettings s, String range) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/v4/spreadsheets/" + s.spreadsheetId() + "/values/" + segment(range);
    }

    /** A path segment, percent-encoded (a space as %20, not +). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> auth(String token) {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }
}
