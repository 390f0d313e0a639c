package dev.hookline.make;

import org.pf4j.Plugin;

/** The plugin that carries the {@code make} connector ({@link MakeConnector}); it has no life-cycle work of its own. */
public final class MakePlugin extends Plugin {}
