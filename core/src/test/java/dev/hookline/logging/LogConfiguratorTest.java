package dev.hookline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logging set up in code: the text layout on stderr, library loggers at WARN. */
class LogConfiguratorTest {

    @Test
    void aFreshContextGetsTheTextLayoutAndQuietLibraries() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        configurator.configure(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.javalin").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.pf4j").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.hookline.App").getEffectiveLevel()).isEqualTo(Level.INFO);

        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender(LogSetup.APPENDER);
        assertThat(console.getTarget()).isEqualTo("System.err");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
        LoggingEvent plain = new LoggingEvent("x", context.getLogger("dev.hookline.App"), Level.INFO, "listening on port {}", null, new Object[] {8080});
        plain.setMDCPropertyMap(Map.of());
        assertThat(new String(encoder.encode(plain), StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000 \\[.+] INFO  App - listening on port 8080\\R");
        LoggingEvent withMdc = new LoggingEvent("x", context.getLogger("dev.hookline.App"), Level.WARN, "attempt failed", null, null);
        withMdc.setMDCPropertyMap(Map.of("call_id", "c1"));
        assertThat(new String(encoder.encode(withMdc), StandardCharsets.UTF_8)).contains("WARN  App - [call_id=c1] attempt failed");
    }
}
