package dev.hookline.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.incall.Action;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The TwiML writer on its own: attributes and text survive an XML parser whatever they hold. */
class TwiMLTest {

    @Test
    void attributesAndTextAreEscapedAndWhatXmlCannotHoldIsLeftOut() {
        String xml = TwiML.answer(List.of(Action.say("lone \uD800 surrogate, nul \u0000, \uFFFE; kept: é ✓"),
                Action.forward("+13055554567")), d -> "https://hooks.example.com/twilio/dial?a=1&b=\"2\"&c='3'<>");
        Element root = TwilioPhone.parse(xml);
        assertThat(root.getElementsByTagName("Say").item(0).getTextContent()).isEqualTo("lone  surrogate, nul , ; kept: é ✓");
        Element dial = (Element) root.getElementsByTagName("Dial").item(0);
        assertThat(dial.getAttribute("action")).isEqualTo("https://hooks.example.com/twilio/dial?a=1&b=\"2\"&c='3'<>");
        assertThat(dial.getTextContent()).isEqualTo("+13055554567");
    }

    @Test
    void aHangupWithoutMessageIsABareHangupAndABlankMessageIsNotSaid() {
        assertThat(TwiML.answer(List.of(Action.hangup(null)), d -> "")).endsWith("<Response><Hangup/></Response>");
        assertThat(TwiML.answer(List.of(Action.hangup("  ")), d -> "")).endsWith("<Response><Hangup/></Response>");
        assertThat(TwiML.hangup()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").endsWith("<Response><Hangup/></Response>");
    }
}
