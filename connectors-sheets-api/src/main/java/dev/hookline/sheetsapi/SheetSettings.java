package dev.hookline.sheetsapi;

import dev.hookline.plugins.Destination;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow's {@code sheets-api} settings: the spreadsheet (its id, or taken from a
 * {@code https://docs.google.com/spreadsheets/d/<id>/…} URL), the tab ({@code sheet}, default
 * {@value #DEFAULT_SHEET}) and the service account's key file ({@code service_account_json}). Immutable.
 */
record SheetSettings(String spreadsheetId, String sheet, String serviceAccountJson) {
    static final String SPREADSHEET_ID = "spreadsheet_id";
    static final String SHEET = "sheet";
    static final String SERVICE_ACCOUNT_JSON = "service_account_json";
    /** The first tab of a new spreadsheet. */
    static final String DEFAULT_SHEET = "Sheet1";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{10,200}");
    private static final Pattern SHEET_URL = Pattern.compile("/spreadsheets/d/([A-Za-z0-9_-]+)");
    private static final int SHEET_NAME_MAX = 100;

    /** Reads and checks the settings; throws {@link SettingException} naming the first that cannot work. */
    static SheetSettings from(Destination d) {
        String fromUrl = idInUrl(d.url());
        String id = d.setting(SPREADSHEET_ID, null);
        if (id == null) id = fromUrl;
        if (id == null) {
            throw new SettingException(SPREADSHEET_ID, "is required: the id in the sheet's address "
                    + "https://docs.google.com/spreadsheets/d/<spreadsheet_id>/edit (or put that address in post_call_webhook.url)");
        }
        id = id.strip();
        if (!ID.matcher(id).matches()) {
            throw new SettingException(SPREADSHEET_ID, "must be the id from the sheet's address (letters, digits, - and _), not '" + id + "'");
        }
        if (fromUrl != null && !fromUrl.equals(id)) {
            throw new SettingException(SPREADSHEET_ID, "is " + id + " but post_call_webhook.url names the spreadsheet " + fromUrl);
        }
        String sheet = d.setting(SHEET, DEFAULT_SHEET).strip();
        if (sheet.length() > SHEET_NAME_MAX) throw new SettingException(SHEET, "must be a tab name of at most " + SHEET_NAME_MAX + " characters");
        String json = d.setting(SERVICE_ACCOUNT_JSON, null);
        if (json == null) {
            throw new SettingException(SERVICE_ACCOUNT_JSON, "is required: the JSON key file of a service account the sheet is shared with");
        }
        return new SheetSettings(id, sheet, json);
    }

    /** The spreadsheet id in a Google Sheets address, or null. */
    static String idInUrl(String url) {
        if (url == null) return null;
        try {
            URI u = new URI(url);
            if (u.getHost() == null || !u.getHost().toLowerCase(Locale.ROOT).equals("docs.google.com") || u.getPath() == null) return null;
            Matcher m = SHEET_URL.matcher(u.getPath());
            return m.lookingAt() ? m.group(1) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The tab in A1 notation: quoted, with quotes inside doubled ({@code 'Bob''s calls'}). */
    String quotedSheet() {
        return "'" + sheet.replace("'", "''") + "'";
    }
}
