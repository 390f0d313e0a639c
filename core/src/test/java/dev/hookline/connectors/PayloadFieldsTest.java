package dev.hookline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.calls.CallFields;
import dev.hookline.plugins.CallEvent;
import org.junit.jupiter.api.Test;

/** The connector API's list of payload fields is the hub's: connectors and the Apps Script columns rely on it. */
class PayloadFieldsTest {
    @Test
    void theApiAndTheHubAgreeOnThe38Fields() {
        assertThat(CallEvent.FIELDS).containsExactlyElementsOf(CallFields.PAYLOAD);
    }
}
