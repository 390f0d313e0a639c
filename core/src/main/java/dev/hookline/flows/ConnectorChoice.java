package dev.hookline.flows;

import dev.hookline.http.JsonInput;
import dev.hookline.model.PostCallWebhook;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The connector a URL is made for: a flow that names none gets it (when installed), and one that
 * names the generic {@code webhook} for such a URL is warned, since those services refuse or
 * mishandle the raw payload. Thread-safe.
 */
final class ConnectorChoice {
    private static final Pattern MAKE_HOST = Pattern.compile("hook\\.[a-z0-9-]+\\.make\\.com");

    /** A service recognised by its URL: its connector and why the generic one does not do for it. */
    private record Service(String connector, String what, String why) {}

    private final Predicate<String> installed;

    ConnectorChoice(Predicate<String> installed) {
        this.installed = installed;
    }

    /** The connector for a webhook that names none: the one made for its URL when installed, else {@code webhook}. */
    String choose(String url) {
        Service s = serviceOf(url);
        return s != null && installed.test(s.connector()) ? s.connector() : "webhook";
    }

    /**
     * What the answer to a save says about the connector: chosen from the URL, or the generic one
     * named for a service's URL. A null {@code body} is a stored flow, whose connector counts as named.
     */
    List<String> notes(JsonInput body, PostCallWebhook w) {
        Service s = serviceOf(w.url());
        if (s == null || !installed.test(s.connector())) return List.of();
        JsonInput hook = body == null ? null : body.optionalObject("post_call_webhook");
        boolean named = body == null || (hook != null && hook.present("connector"));
        if (!named && w.connector().equals(s.connector())) {
            return List.of("connector \"" + s.connector() + "\" was chosen from the URL (" + s.what() + "); set \"connector\" to use another");
        }
        if (named && w.connector().equals("webhook")) {
            return List.of("this URL is " + s.what() + " and the generic webhook connector " + s.why() + ": use \"connector\": \""
                    + s.connector() + "\"");
        }
        return List.of();
    }

    private static Service serviceOf(String url) {
        if (url == null) return null;
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        String path = u.getPath() == null ? "" : u.getPath();
        if (host.equals("hooks.slack.com") && path.startsWith("/services/")) {
            return new Service("slack", "a Slack incoming webhook", "sends raw call JSON, which Slack refuses (no_text)");
        }
        if (host.equals("script.google.com") && path.startsWith("/macros/") && path.endsWith("/exec")) {
            return new Service("sheets", "an Apps Script web app", "does not follow Google's redirect, so every retry runs the script again "
                    + "and adds a row");
        }
        if (host.equals("hooks.zapier.com")) {
            return new Service("zapier", "a Zapier catch hook", "does not fill the Test sample, so Zapier learns empty fields");
        }
        if (MAKE_HOST.matcher(host).matches()) {
            return new Service("make", "a Make custom webhook", "does not fill the Test sample, so Make learns empty fields");
        }
        return null;
    }
}
