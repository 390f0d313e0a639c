package dev.hookline.logging;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a URL may appear in a log line: its scheme and host. Paths and queries of webhook URLs
 * carry secrets (Slack's and Zapier's hook tokens, Apps Script ids, api keys in queries).
 */
public final class Redact {
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?)://([^/\\s?#\"'<>]+)[^\\s\"'<>]*");

    private Redact() {}

    /** {@code https://hooks.slack.com/services/T0/B0/XX} → {@code hooks.slack.com}; unparsable → {@code (url)}. */
    public static String host(String url) {
        if (url == null) return null;
        try {
            String host = URI.create(url.trim()).getHost();
            return host != null ? host : "(url)";
        } catch (IllegalArgumentException e) {
            return "(url)";
        }
    }

    /** Any http(s) URL inside {@code text} cut to scheme and host, user info dropped: for error messages. */
    public static String urls(String text) {
        if (text == null) return null;
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String authority = m.group(2);
            int at = authority.lastIndexOf('@');
            String host = at >= 0 ? authority.substring(at + 1) : authority;
            String url = m.group();
            int end = url.length();
            while (end > 0 && ").,;:]".indexOf(url.charAt(end - 1)) >= 0) end--; // punctuation around the URL stays
            String trailing = url.substring(Math.max(end, url.indexOf("//") + 2 + authority.length()));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "://" + host + "/…" + trailing));
        }
        m.appendTail(out);
        return out.toString();
    }
}
