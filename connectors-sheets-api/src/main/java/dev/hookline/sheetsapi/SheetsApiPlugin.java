package dev.hookline.sheetsapi;

import org.pf4j.Plugin;

/** The plugin that carries the {@code sheets-api} connector ({@link SheetsApiConnector}); it has no life-cycle work of its own. */
public final class SheetsApiPlugin extends Plugin {}
