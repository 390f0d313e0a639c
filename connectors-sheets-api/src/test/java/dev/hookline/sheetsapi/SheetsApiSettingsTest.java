package dev.hookline.sheetsapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Validation;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a flow's settings must hold, the JWT the account signs, and the row a call becomes. */
class SheetsApiSettingsTest {
    static final String ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    static final String SHEET_URL = "https://docs.google.com/spreadsheets/d/" + ID + "/edit#gid=0";
    final SheetsApiConnector connector = new SheetsApiConnector();

    Validation check(String url, Map<String, String> settings) {
        return connector.validate(new Destination(url, settings));
    }

    Map<String, String> settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("service_account_json", TestAccounts.keyFile());
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) m.remove(kv[i]);
            else m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aKeyFileAndTheSheetsAddressAreEnough() {
        Validation v = check(SHEET_URL, settings());
        assertThat(v.passed()).isTrue();
        assertThat(v.warnings()).isEmpty();
        assertThat(connector.secretSettings()).containsExactly("service_account_json");
    }

    @Test
    void theSpreadsheetIdMayBeASettingAndThenAnyUrlOnlyWarns() {
        Validation v = check("https://example.com/calls", settings("spreadsheet_id", ID, "sheet", "Calls"));
        assertThat(v.passed()).isTrue();
        assertThat(v.warnings()).singleElement().asString().contains("never calls https://example.com/calls");
        assertThat(check("https://example.com/calls", settings()).settingErrors()).containsKey("spreadsheet_id");
        assertThat(check(SHEET_URL, settings("spreadsheet_id", "1OtherSpreadsheet000000")).settingErrors().get("spreadsheet_id"))
                .contains("names the spreadsheet " + ID);
        assertThat(check(SHEET_URL, settings("spreadsheet_id", ID + "/../x")).settingErrors()).containsKey("spreadsheet_id");
    }

    @Test
    void aKeyFileThatCannotWorkIsRefusedWithoutEchoingIt() {
        Map<String, String> cases = Map.of(
                "{not json", "is not a JSON object",
                "[1, 2]", "is not a JSON object",
                "{\"type\": \"service_account\", \"client_email\": \"a@b.iam.gserviceaccount.com\"}", "has no private_key",
                "{\"type\": \"service_account\", \"private_key\": \"x\"}", "has no client_email",
                "{\"type\": \"authorized_user\"}", "of type 'authorized_user'",
                "{\"client_email\": \"a@b.c\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n\"}",
                "not an RSA key in PKCS#8 PEM form",
                TestAccounts.keyFile() + " trailing", "is not a JSON object");
        cases.forEach((json, why) -> {
            Validation v = check(SHEET_URL, settings("service_account_json", json));
            assertThat(v.settingErrors()).as(json).containsOnlyKeys("service_account_json");
            assertThat(v.settingErrors().get("service_account_json")).as(json).contains(why).doesNotContain(json);
        });
        assertThat(check(SHEET_URL, settings("service_account_json", null)).settingErrors().get("service_account_json")).contains("is required");
    }

    @Test
    void aKeyWithItsNewlinesStillEscapedIsRead() {
        String escaped = TestAccounts.keyFile().replace("\\n", "\\\\n");
        assertThat(check(SHEET_URL, settings("service_account_json", escaped)).passed()).isTrue();
    }

    @Test
    void theJwtIsSignedWithTheAccountsKeyAndCarriesTheClaimsGoogleAsksFor() throws Exception {
        ServiceAccount account = ServiceAccount.parse(TestAccounts.keyFile());
        Instant now = Instant.parse("2026-03-30T14:30:00Z");
        String[] jwt = JwtAssertion.sign(account, "https://oauth2.googleapis.com/token", now).split("\\.");
        assertThat(jwt).hasSize(3);
        assertThat(String.join(".", jwt)).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        JsonObject header = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(header.get("alg").getAsString()).isEqualTo("RS256");
        assertThat(header.get("typ").getAsString()).isEqualTo("JWT");
        assertThat(header.get("kid").getAsString()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(claims.get("iss").getAsString()).isEqualTo(TestAccounts.EMAIL);
        assertThat(claims.get("scope").getAsString()).isEqualTo("https://www.googleapis.com/auth/spreadsheets");
        assertThat(claims.get("aud").getAsString()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(claims.get("iat").getAsLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.get("exp").getAsLong()).isEqualTo(now.getEpochSecond() + 3600);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestAccounts.KEYS.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(account.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aCallIsOneRowOfItsFieldsInOrderAndTheBuiltRequestIsARawAppend() {
        String longText = "x".repeat(60_000);
        var row = Rows.of(CallEvent.example().with("transcription", longText));
        assertThat(row).hasSize(38);
        assertThat(row.get(CallEvent.FIELDS.indexOf("duration_seconds"))).isEqualTo(145L);
        assertThat((String) row.get(CallEvent.FIELDS.indexOf("transcription"))).hasSize(Rows.CELL_MAX);
        assertThat(Rows.columnLetters(0)).isEqualTo("A");
        assertThat(Rows.columnLetters(25)).isEqualTo("Z");
        assertThat(Rows.columnLetters(Rows.DELIVERY_ID_COLUMN)).isEqualTo("AK");
        assertThat(Rows.columnLetters(Rows.HEADER.size() - 1)).isEqualTo("AL");

        OutgoingRequest r = connector.build(CallEvent.example(), new Destination(SHEET_URL, settings()));
        assertThat(r.url()).isEqualTo("https://sheets.googleapis.com/v4/spreadsheets/" + ID
                + "/values/%27Sheet1%27%21A1:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS");
        JsonObject body = JsonParser.parseString(r.bodyText()).getAsJsonObject();
        assertThat(body.getAsJsonArray("values")).hasSize(1);
        assertThat(body.getAsJsonArray("values").get(0).getAsJsonArray()).hasSize(38);
    }
}
