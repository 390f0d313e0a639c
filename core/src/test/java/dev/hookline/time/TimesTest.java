package dev.hookline.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Payload times, written by hand, read as java.time writes them: UTC, whole seconds, the fraction dropped. */
class TimesTest {
    static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void payloadTimesMatchJavaTimeAcrossTheCalendar() {
        SplittableRandom random = new SplittableRandom(20261202);
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(-1_000_000_000_000L, last + 1);
            assertThat(Times.payload(millis)).as("at %d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void edgesOfDaysYearsAndTheEpoch() {
        for (String at : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.500Z", "2026-03-30T14:30:00.999Z",
                "2000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"}) {
            long millis = Instant.parse(at).toEpochMilli();
            assertThat(Times.payload(millis)).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
        assertThat(Times.payload(Instant.parse("2026-03-30T14:30:00.999Z").toEpochMilli())).isEqualTo("2026-03-30T14:30:00Z");
    }
}
