package dev.hookline.examples.discord;

import org.pf4j.Plugin;

/** The plugin carrying {@link DiscordConnector}; nothing to do on start or stop. */
public final class DiscordPlugin extends Plugin {}
