package dev.hookline.plugins;

/**
 * A connector's answer to a 3xx: refuse it (the attempt fails with "redirect to … not followed")
 * or fetch the location with GET. Immutable.
 *
 * <p>When a connector follows, the hub fetches the location with a GET that carries no body, only
 * if the location passes the same address policy as any webhook URL (no internal addresses unless
 * {@code HOOKLINE_ALLOW_PRIVATE_TARGETS} is set), for at most 3 hops, asking
 * {@link Connector#onRedirect} again at each; the final answer goes to {@link Connector#classify}.
 */
public record Redirect(boolean follow) {
    private static final Redirect REFUSE = new Redirect(false);
    private static final Redirect FOLLOW = new Redirect(true);

    public static Redirect refuse() {
        return REFUSE;
    }

    /** Fetch {@code location} with a GET (never re-sending the body) and classify that answer instead. */
    public static Redirect followWithGet() {
        return FOLLOW;
    }
}
