package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InCallRequestBuilderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://a.example/r           | https://a.example/r?F=1",
            "https://a.example/r?          | https://a.example/r?F=1",
            "https://a.example/r?k=v       | https://a.example/r?k=v&F=1",
            "https://a.example/r?k=v&      | https://a.example/r?k=v&F=1",
            "https://a.example/r?k=v#frag  | https://a.example/r?k=v&F=1",
            "https://a.example/r#frag      | https://a.example/r?F=1",
    })
    void theFieldsAreAppendedToTheUrlsOwnQuery(String url, String expected) {
        assertThat(InCallRequestBuilder.withQuery(url, "F=1")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+13055551234 | +15735551234 | CA 1&x=é | From=%2B13055551234&To=%2B15735551234&CallSid=CA+1%26x%3D%C3%A9",
    })
    void theFormIsUtf8PercentEncoded(String from, String to, String sid, String expected) {
        assertThat(InCallRequestBuilder.form(new LiveCall("b", sid, from, to))).isEqualTo(expected);
    }
}
