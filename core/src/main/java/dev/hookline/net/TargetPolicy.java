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

    /**
     * Loopback, private (RFC 1918, ULA), link-local, any-local, multicast, CGNAT, and IPv6 forms
     * that carry an IPv4 address: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
     * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16} are judged by the
     * IPv4 address inside them. Local-use NAT64 {@code 64:ff9b:1::/48} (where the IPv4 address
     * sits depends on the network's own prefix length) and Teredo {@code 2001::/32} (a tunnel to
     * whatever the relay reaches) are refused outright.
     */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if ((b[0] & 0xfe) == 0xfc) return true; // unique-local fc00::/7
        if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) return true; // Teredo
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) return true; // local-use NAT64
        if (startsWith(b, 0x20, 0x02)) return embeddedIsInternal(b, 2); // 6to4: 2002:AABB:CCDD::/48
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return embeddedIsInternal(b, 12); // mapped
        if (zeros(b, 0, 12)) return embeddedIsInternal(b, 12); // IPv4-compatible (:: and ::1 are caught above)
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && zeros(b, 4, 12)) return embeddedIsInternal(b, 12); // NAT64
        return false;
    }

    private static boolean embeddedIsInternal(byte[] b, int at) {
        try {
            return isInternal(InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]}));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }
}
