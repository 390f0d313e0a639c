package dev.hookline.slack;

import org.pf4j.Plugin;

/** The plugin that carries the {@code slack} connector ({@link SlackConnector}); it has no life-cycle work of its own. */
public final class SlackPlugin extends Plugin {}
