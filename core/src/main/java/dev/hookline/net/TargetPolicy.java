package dev.hookline.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs Hookline may send to. Every URL must be absolute http(s) with a host; unless
 * private targets are allowed, a host that is or resolves to a loopback, private, link-local or
 * otherwise internal address is refused (server-side request forgery defence). The check runs
 * twice: on save for literal addresses and names like {@code localhost}, and on every connection
 * for what DNS answers then (see {@link GuardedResolver}). Immutable.
 */
public final class TargetPolicy {
    private final boolean allowPrivate;

    public TargetPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** Returns the problem with {@code url}, or null when it may be saved. */
    public String problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return "must be an absolute http or https URL";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "must name a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry a user name or password";
        }
        if (!allowPrivate && isInternalName(host)) {
            return "points to an internal address (" + host + "); set HOOKLINE_ALLOW_PRIVATE_TARGETS=true to allow it";
        }
        return null;
    }

    /** True for names that are internal before any DNS: literals in internal ranges and localhost. */
    static boolean isInternalName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".internal") || h.endsWith(".local")) return true;
        if (isIpLiteral(h)) {
            try {
                return isInternal(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String h) {
        return h.matches("[0-9.]+") || h.contains(":");
    }

    /** Loopback, private (RFC 1918, ULA), link-local, any-local, multicast, CGNAT and IPv4-mapped forms of those. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        // IPv6 unique-local fc00::/7 and IPv4-mapped ::ffff:a.b.c.d
        if ((b[0] & 0xfe) == 0xfc) return true;
        boolean mapped = true;
        for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
