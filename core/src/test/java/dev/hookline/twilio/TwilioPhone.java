package dev.hookline.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Plays Twilio against a test hub: form-encoded POSTs to {@code /twilio/*} signed as Twilio's
 * documentation says, computed here on its own (not with the hub's code), and TwiML answers parsed
 * as XML into their verbs.
 */
final class TwilioPhone {
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String CALLER = "+13055551234";

    private final TestHub hub;

    TwilioPhone(TestHub hub) {
        this.hub = hub;
    }

    /** Sets {@code token} as the auth token of the business of {@code asHub}'s key. */
    static void setToken(TestHub asHub, String token) {
        Reply r = asHub.put("/api/v1/settings/twilio", "{\"auth_token\": \"" + token + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /**
     * {@code X-Twilio-Signature} as documented: base64 of HMAC-SHA1, keyed with the auth token, over
     * the full URL followed by every POST parameter sorted by name, each name then its value.
     */
    static String sign(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        params.keySet().stream().sorted().forEach(name -> data.append(name).append(params.get(name)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Twilio sends to the voice URL when {@code callSid} comes in from {@link #CALLER} to {@code to}. */
    static Map<String, String> incoming(String to, String callSid) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", "ringing");
        p.put("Called", to);
        p.put("Caller", CALLER);
        p.put("Direction", "inbound");
        p.put("From", CALLER);
        p.put("FromCity", "MIAMI");
        p.put("To", to);
        return p;
    }

    /** POSTs {@code params} to {@code pathAndQuery}, signed with {@code token} over {@code hub base + pathAndQuery}. */
    Reply post(String pathAndQuery, Map<String, String> params, String token) {
        return postSigned(pathAndQuery, params, sign(token, hub.base() + pathAndQuery, params));
    }

    /** POSTs {@code params} with {@code signature} as the header (none when null), without an API key. */
    Reply postSigned(String pathAndQuery, Map<String, String> params, String signature) {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.base() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (signature != null) b.header("X-Twilio-Signature", signature);
        return hub.withoutKey().send(b);
    }

    Reply voice(String to, String callSid) {
        return post("/twilio/voice", incoming(to, callSid), TOKEN);
    }

    /**
     * The verbs of a TwiML answer, in order: {@code Say:text}, {@code Dial:number},
     * {@code Hangup}. Fails unless it is a well-formed {@code <Response>} served as text/xml.
     */
    static List<String> verbs(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Element root = parse(r.body());
        assertThat(root.getTagName()).isEqualTo("Response");
        List<String> out = new ArrayList<>();
        for (Element e : children(root)) {
            switch (e.getTagName()) {
                case "Say" -> out.add("Say:" + e.getTextContent());
                case "Hangup" -> {
                    assertThat(e.getChildNodes().getLength()).as("Hangup is empty").isZero();
                    out.add("Hangup");
                }
                case "Dial" -> {
                    List<Element> nouns = children(e);
                    out.add(nouns.isEmpty() ? "Dial:" + e.getTextContent() : "Dial:" + nouns.get(0).getTagName() + ":" + nouns.get(0).getTextContent());
                }
                default -> out.add(e.getTagName());
            }
        }
        return out;
    }

    /** The {@code action} attribute of the answer's {@code <Dial>}. */
    static String dialAction(Reply r) {
        for (Element e : children(parse(r.body()))) {
            if (e.getTagName().equals("Dial")) return e.getAttribute("action");
        }
        throw new AssertionError("no <Dial> in " + r.body());
    }

    static Element parse(String xml) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) out.add(el);
        }
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
