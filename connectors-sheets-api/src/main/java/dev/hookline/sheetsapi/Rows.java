package dev.hookline.sheetsapi;

import dev.hookline.plugins.CallEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A call as a sheet row: the 38 payload fields in the documented order, under a header row of
 * their names; {@code delivery_id} is the column a retried attempt is looked up in. Values are
 * written as they are ({@code valueInputOption=RAW}: a text starting with {@code =} stays text).
 */
final class Rows {
    static final List<String> HEADER = CallEvent.FIELDS;
    static final int DELIVERY_ID_COLUMN = HEADER.indexOf("delivery_id");
    /** Google refuses a cell of more than 50,000 characters, and with it the whole append. */
    static final int CELL_MAX = 50_000;

    private Rows() {}

    static List<Object> of(CallEvent event) {
        List<Object> row = new ArrayList<>(HEADER.size());
        for (String key : HEADER) {
            Object v = event.get(key);
            row.add(v instanceof String s && s.length() > CELL_MAX ? s.substring(0, CELL_MAX) : v);
        }
        return row;
    }

    /** The column's letters in A1 notation: 0 → A, 25 → Z, 26 → AA, 36 → AK. */
    static String columnLetters(int index) {
        StringBuilder b = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) b.insert(0, (char) ('A' + (n - 1) % 26));
        return b.toString();
    }
}
