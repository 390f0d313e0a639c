package dev.hookline.sheets;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Redirect;
import dev.hookline.plugins.Validation;
import dev.hookline.plugins.Verdict;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Google Sheets through an Apps Script web app (the script Hookline generates at
 * {@code GET /api/v1/connectors/sheets/apps-script}). The body is the flat call JSON the script
 * turns into a row, with {@code delivery_id} so a retried attempt is not written twice.
 *
 * <p>Google answers the POST, after the script ran, with a 302 to a one-time
 * {@code https://script.googleusercontent.com/macros/echo?…} that must be fetched with GET (a
 * re-POST there gets 405). Treating that 302 as a failure would retry and duplicate rows, so this
 * connector follows 301/302/303 to that host with GET; any other redirect (a login page when the
 * deployment is not public, a 307/308 asking for a re-POST) is refused. A loopback location is
 * followed too, for local test set-ups: the hub reaches loopback only when
 * {@code HOOKLINE_ALLOW_PRIVATE_TARGETS} is on, so in production the rule stays Google's host only.
 * Stateless.
 */
@Extension
public final class SheetsConnector implements Connector {
    public static final String ID = "sheets";
    static final String ECHO_HOST = "script.googleusercontent.com";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Google Sheets (Apps Script web app)";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Validation validate(Destination destination) {
        URI u = parse(destination.url());
        String path = u == null || u.getPath() == null ? "" : u.getPath();
        boolean google = u != null && "https".equalsIgnoreCase(u.getScheme()) && "script.google.com".equalsIgnoreCase(u.getHost())
                && path.startsWith("/macros/s/");
        if (google && path.endsWith("/exec")) return Validation.ok();
        if (google && path.endsWith("/dev")) {
            return Validation.warning("this is the script's /dev URL, which only the script's editors can reach; "
                    + "deploy it as a web app and use the /exec URL");
        }
        return Validation.warning("Apps Script web app URLs look like https://script.google.com/macros/s/<id>/exec; "
                + destination.url() + " does not, so the Hookline Apps Script may not be the receiver");
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return OutgoingRequest.postJson(destination.url(), event);
    }

    /** 301/302/303 to Google's echo host (or loopback, see the class comment) is fetched with GET; nothing else. */
    @Override
    public Redirect onRedirect(int statusCode, String location) {
        if (statusCode != 301 && statusCode != 302 && statusCode != 303) return Redirect.refuse();
        URI u = parse(location);
        if (u == null || u.getHost() == null) return Redirect.refuse();
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") && host.equals(ECHO_HOST)) return Redirect.followWithGet();
        if ((scheme.equals("http") || scheme.equals("https")) && isLoopback(host)) return Redirect.followWithGet();
        return Redirect.refuse();
    }

    /**
     * The script answers JSON: {@code {"ok":true,…}} once the row is written (or was already),
     * {@code {"ok":false,"error":…}} when it could not write. An HTML page with status 200 is
     * Google reporting a script error. Both of those are retried; other statuses as usual.
     */
    @Override
    public Verdict classify(HttpResult result) {
        int status = result.statusCode();
        if (status < 200 || status >= 300) {
            String detail = result.bodySnippet(200);
            return Verdict.retry("HTTP " + status + (detail.isEmpty() ? "" : " " + detail));
        }
        String body = result.body().strip();
        if (body.replace(" ", "").contains("\"ok\":false")) {
            return Verdict.retry("the Apps Script could not write the row: " + result.bodySnippet(300));
        }
        String start = body.length() > 64 ? body.substring(0, 64).toLowerCase(Locale.ROOT) : body.toLowerCase(Locale.ROOT);
        if (start.startsWith("<!doctype html") || start.startsWith("<html")) {
            return Verdict.retry("HTTP " + status + " with an HTML page: the Apps Script failed (is doPost deployed as a web app?)");
        }
        return Verdict.success();
    }

    private static URI parse(String url) {
        if (url == null) return null;
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A loopback name or literal, checked without any DNS look-up. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) return true;
        if (!h.matches("[0-9.]+") && !h.contains(":")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
