package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signatures: the specification's example, and every id and timestamp shape against the JDK's HMAC. */
class SignerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void signsTheSpecificationsExample() {
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertThat(Signer.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsAnyIdAndTimestampAsTheTextIdDotTimestampDotBody() throws Exception {
        byte[] body = "{\"call_id\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);
        for (String id : List.of("01939a4e-1c2f-7000-8000-000000000001", "", "x", "msg-ünïcode-東京", "a".repeat(150))) {
            for (long ts : new long[] {0, 9, 10, 99, 1_700_000_000L, Long.MAX_VALUE}) {
                assertThat(Signer.sign(SECRET, id, ts, body)).as(id + " @ " + ts).isEqualTo(reference(id, ts, body));
            }
        }
    }

    @Test
    void aHeaderForTwoSecretsSignsTheSameBytesWithEachAndLeavesTheBufferAsItWas() throws Exception {
        String older = "whsec_" + Base64.getEncoder().encodeToString("an older secret of 32 bytes.....".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = "xx{\"call_id\":\"c-2\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.wrap(bytes, 2, bytes.length - 2).asReadOnlyBuffer();
        String header = Signer.header(List.of(SECRET, older), "msg_1", 1_700_000_000L, body);
        byte[] signed = Arrays.copyOfRange(bytes, 2, bytes.length);
        assertThat(header).isEqualTo(reference(SECRET, "msg_1", 1_700_000_000L, signed) + " " + reference(older, "msg_1", 1_700_000_000L, signed));
        assertThat(body.position()).isEqualTo(2);
        assertThat(body.remaining()).isEqualTo(signed.length);
    }

    private static String reference(String id, long ts, byte[] body) throws Exception {
        return reference(SECRET, id, ts, body);
    }

    private static String reference(String secret, String id, long ts, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
