package dev.hookline.web;

import dev.hookline.connectors.ConnectorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set-up help the flow editor shows beside its connector picker: for each bundled service the
 * steps of the product description (Zapier Catch Hook, Slack incoming webhook, Make custom
 * webhook, the Sheets Apps Script), and a generic note for plugin connectors.
 */
final class ConnectorGuides {
    private record Guide(String title, String urlExample, List<String> steps) {}

    private static final Map<String, Guide> GUIDES = Map.of(
            "webhook", new Guide("Any URL (generic webhook)", "https://crm.example.com/hookline", List.of(
                    "Your endpoint receives a JSON POST with the 38 fields of the payload reference after every call.",
                    "Answer with a 2xx status to acknowledge it; anything else (or no answer within the time-out) is retried.",
                    "Check the webhook-signature header with the flow's signing secret before trusting the body.")),
            "slack", new Guide("Slack incoming webhook", "https://hooks.slack.com/services/T…/B…/…", List.of(
                    "In Slack, go to Your Apps → Create New App → From scratch.",
                    "Open Incoming Webhooks → Activate → Add New Webhook to Workspace, and pick the channel.",
                    "Copy the webhook URL (it starts with https://hooks.slack.com/services/) and paste it above.",
                    "Save, then press Test: a formatted message about a sample call appears in the channel.")),
            "zapier", new Guide("Zapier (Webhooks by Zapier, Catch Hook)", "https://hooks.zapier.com/hooks/catch/…/…/", List.of(
                    "In Zapier, create a new Zap and choose Webhooks by Zapier as the trigger.",
                    "Select Catch Hook as the trigger event.",
                    "Zapier gives you a webhook URL (it starts with https://hooks.zapier.com/). Copy it and paste it above.",
                    "Save the call flow and press Test: Hookline sends a sample with every field filled.",
                    "Back in Zapier, click Test trigger: it picks up the call data, every field ready to map.",
                    "Add an action: send an e-mail, create a CRM contact, add a Google Sheets row, post to Slack.")),
            "make", new Guide("Make (custom webhook)", "https://hook.eu1.make.com/…", List.of(
                    "In Make, create a new scenario and add a Webhooks → Custom webhook module.",
                    "Click Add to create a new webhook. Make gives you a URL: copy it and paste it above.",
                    "If the hook is protected by an API key, enter it in Make API key below (sent as x-make-apikey).",
                    "Click Re-determine data structure in Make, then press Test here so Make learns every field.",
                    "Add more modules to the scenario (CRM updates, e-mails, sheets) and turn the scenario on.")),
            "sheets", new Guide("Google Sheets (Apps Script web app)", "https://script.google.com/macros/s/…/exec", List.of(
                    "Save the flow, then open Google Sheets script (below the form): Hookline writes the script for this flow.",
                    "In your Google Sheet, go to Extensions → Apps Script, paste the script and save.",
                    "Deploy → New deployment → Web app; Execute as: Me; Who has access: Anyone.",
                    "Copy the deployment URL (it ends in /exec), paste it above and save.",
                    "Press Test: a row appears. A retried delivery never adds a second row.")),
            "sheets-api", new Guide("Google Sheets without a script (Sheets API, service account)", "https://docs.google.com/spreadsheets/d/…/edit",
                    List.of(
                    "In the Google Cloud console, pick or create a project, then APIs & Services → Library → Google Sheets API → Enable.",
                    "IAM & Admin → Service accounts → Create service account; a name such as hookline-writer is enough (it needs no project role).",
                    "Open the account → Keys → Add key → Create new key → JSON: a key file downloads. Keep it secret: it is the account's password.",
                    "Open your spreadsheet → Share: add the account's e-mail (client_email in the key file, …@….iam.gserviceaccount.com) as an Editor.",
                    "Paste the spreadsheet's address above, the key file's content under Service account key file below, and save. "
                            + "Press Test: a row appears; the first write adds a header row.")));

    /** The picker's first choice: no connector named, the service picks it from the URL. */
    private static final Guide AUTOMATIC = new Guide("Automatic: the connector the URL is made for", null, List.of(
            "A Slack incoming webhook (https://hooks.slack.com/services/…) gets the Slack connector, an Apps Script web app "
                    + "(https://script.google.com/macros/…/exec) the Google Sheets one, a Zapier catch hook (https://hooks.zapier.com/…) "
                    + "the Zapier one and a Make hook (https://hook.<zone>.make.com/…) the Make one; any other URL the generic webhook.",
            "After saving, the page shows the connector chosen and says why; pick another here to change it."));

    private ConnectorGuides() {}

    /**
     * "Automatic", then one entry per installed connector (and the current one if it is not
     * installed), the current one open; {@code current} {@link FlowForm#AUTOMATIC} is the first.
     */
    static List<Map<String, Object>> forPicker(List<ConnectorInfo> installed, String current) {
        List<Map<String, Object>> out = new ArrayList<>();
        boolean found = FlowForm.AUTOMATIC.equals(current);
        out.add(entry(FlowForm.AUTOMATIC, "Automatic (from the URL)", found, true, AUTOMATIC));
        for (ConnectorInfo c : installed) {
            found |= c.id().equals(current);
            out.add(entry(c.id(), c.name(), c.id().equals(current), true, GUIDES.get(c.id())));
        }
        if (!found && current != null) out.add(entry(current, current + " (not installed)", true, false, GUIDES.get(current)));
        return out;
    }

    private static Map<String, Object> entry(String id, String name, boolean selected, boolean installed, Guide g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("selected", selected);
        m.put("installed", installed);
        m.put("guideTitle", g == null ? name : g.title());
        m.put("urlExample", g == null ? null : g.urlExample());
        m.put("steps", g == null ? List.of("A plugin connector: see its documentation for the URL and settings it expects; "
                + "enter its settings as key=value lines under Other settings.") : g.steps());
        m.put("isSheets", "sheets".equals(id));
        return m;
    }
}
