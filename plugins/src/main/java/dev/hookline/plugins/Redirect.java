package dev.hookline.plugins;

/** A connector's answer to a 3xx: refuse it (the attempt fails) or fetch the location with GET. Immutable. */
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
