package dev.hookline.web;

import java.util.List;

/**
 * The bundled connectors' settings, each with its own input in the flow editor (a plugin's go in
 * the Other settings lines). A name is one input of the page, so names are unique across
 * connectors. Whether a setting is a secret is the connector's to say, not this list's.
 */
final class SettingFields {
    /** One setting's input: {@code post_call_webhook.settings.<name>}, shown while {@code connector} is picked. */
    record Field(String connector, String name, String label, String hint, boolean multiline, String placeholder) {
        String input() {
            return "post_call_webhook.settings." + name;
        }

        String id() {
            return "f-" + name.replace('_', '-');
        }
    }

    static final List<Field> ALL = List.of(
            new Field("make", "api_key", "Make API key (optional, for a protected hook)",
                    "Sent as the x-make-apikey header, for a Make hook protected by an API key.", false, ""),
            new Field("sheets", "sheet_name", "Sheet (tab) name for Google Sheets",
                    "The tab the Apps Script writes to.", false, "Calls"),
            new Field("sheets-api", "spreadsheet_id", "Spreadsheet id",
                    "The id in the sheet's address https://docs.google.com/spreadsheets/d/<spreadsheet_id>/edit. "
                            + "Leave it empty when the destination URL above is that address.", false, ""),
            new Field("sheets-api", "sheet", "Sheet (tab) to write to", "Default Sheet1.", false, "Sheet1"),
            new Field("sheets-api", "service_account_json", "Service account key file (JSON)",
                    "Paste the whole JSON key file of the service account the sheet is shared with. It is a secret: "
                            + "Hookline keeps it like the signing secret and never shows it again (only its last four "
                            + "letters or digits). Leave the masked value as it is to keep the stored key.", true, ""));

    private SettingFields() {}

    /** The fields of one connector, in page order. */
    static List<Field> of(String connector) {
        return ALL.stream().filter(f -> f.connector().equals(connector)).toList();
    }

    /** The field of {@code connector} named {@code name}, or null. */
    static Field find(String connector, String name) {
        return ALL.stream().filter(f -> f.connector().equals(connector) && f.name().equals(name)).findFirst().orElse(null);
    }
}
