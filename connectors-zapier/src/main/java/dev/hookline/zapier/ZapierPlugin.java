package dev.hookline.zapier;

import org.pf4j.Plugin;

/** The plugin that carries the {@code zapier} connector ({@link ZapierConnector}); it has no life-cycle work of its own. */
public final class ZapierPlugin extends Plugin {}
