/**
 * The extension-point API of Hookline connectors, version {@value dev.hookline.plugins.Connector#API_VERSION}.
 *
 * <p>A connector shapes a post-call delivery for one service (Slack, Zapier, …) and reads that
 * service's answers. It is a PF4J {@code @Extension} of {@link dev.hookline.plugins.Connector} in
 * a plugin jar; the plugin gets {@code pf4j} and this module as {@code provided} dependencies.
 * Only JDK types and the records of this package cross the boundary.
 *
 * <p>What stays in the hub: retries and their schedule, signing (the Standard Webhooks headers are
 * added to whatever request a connector builds), storage, time-outs and the attempt log. A
 * connector is stateless and must be thread-safe: one instance serves every delivery.
 *
 * <p>A connector that needs several requests per attempt (a token exchange, a look-up before a
 * write, batching) also implements {@link dev.hookline.plugins.DirectDelivery}: the hub then hands
 * it each attempt with an {@link dev.hookline.plugins.HttpPort} and records the
 * {@link dev.hookline.plugins.AttemptResult} it returns.
 */
package dev.hookline.plugins;
