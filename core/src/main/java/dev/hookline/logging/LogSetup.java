package dev.hookline.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.hookline.config.HooklineConfig.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code HOOKLINE_LOG_FORMAT} to the process's logging: {@code text} keeps the layout of
 * {@link LogConfigurator}; {@code json} replaces its console appender by one with logback's
 * {@link JsonEncoder}, one JSON object per line (level, logger, thread, timestamp, the formatted
 * message, the MDC with {@code delivery_id}/{@code call_id}, any throwable).
 */
public final class LogSetup {
    static final String APPENDER = "CONSOLE";

    private LogSetup() {}

    public static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);    // the raw pattern and its arguments would repeat the message
        encoder.setWithArguments(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.start();

        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName(APPENDER + "_JSON");
        json.setTarget("System.err");
        json.setEncoder(encoder);
        json.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.Appender<ILoggingEvent> text = root.getAppender(APPENDER);
        root.addAppender(json);
        if (text != null) {
            root.detachAppender(text);
            text.stop();
        }
    }
}
