package dev.hookline.sheets;

import org.pf4j.Plugin;

/** The plugin that carries the {@code sheets} connector ({@link SheetsConnector}); it has no life-cycle work of its own. */
public final class SheetsPlugin extends Plugin {}
