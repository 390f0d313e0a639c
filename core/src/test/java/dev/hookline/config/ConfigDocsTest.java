package dev.hookline.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.cli.Help;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's configuration table and {@code --help} come from the one table in code, and it is what the hub reads. */
class ConfigDocsTest {

    @Test
    void readmeShowsTheTableOfVariablesAsItIs() throws Exception {
        String readme = Files.readString(readme());
        assertThat(readme).as("README's configuration table; paste Variables.markdownTable() into it").contains(Variables.markdownTable());
    }

    @Test
    void helpListsEveryVariableWithItsFlagAndDefault() {
        String help = Help.text();
        for (Variable v : Variables.ALL) {
            assertThat(help).contains(v.flag() + "=…  " + v.name() + "  (default: " + v.defaultValue() + ")");
        }
        assertThat(help).contains("backup FILE").contains("--version").contains("healthcheck");
    }

    @Test
    void everyVariableInTheTableIsReadAndTakesItsFlag() {
        for (Variable v : Variables.ALL) {
            assertThat(HooklineConfig.KNOWN).contains(v.name());
        }
        HooklineConfig c = HooklineConfig.from(Map.of(), new String[] {"--log-format=json", "--retry-delays=1s"});
        assertThat(c.logFormat()).isEqualTo(HooklineConfig.LogFormat.JSON);
        assertThat(c.maxAttempts()).isEqualTo(2);
    }

    @Test
    void effectiveSettingsSayWhetherKeysAreSetButNeverShowThem() {
        String key = "hk_never_in_a_log_line_0123";
        HooklineConfig c = HooklineConfig.from(Map.of("HOOKLINE_API_KEY", key, "HOOKLINE_ADMIN_KEY", "admin_never_in_a_log_0123",
                "HOOKLINE_DATABASE_URL", "postgresql://hook:pa55word@db.internal:5432/hookline", "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true"),
                new String[0]);
        String line = EffectiveSettings.describe(c);
        assertThat(line).contains("api key set", "admin key set", "PostgreSQL db.internal:5432/hookline", "private targets ALLOWED",
                "retry delays 30s,2m (3 attempts)", "post-call time-out 10s", "retention 90d");
        assertThat(line).doesNotContain(key, "admin_never", "pa55word", "hook:");
    }

    @Test
    void aBadDatabaseUrlIsNotEchoedBecauseItCarriesAPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HooklineConfig.from(Map.of(), new String[] {"--database-url=mysql://u:s3cret@h/db"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--database-url").hasMessageNotContaining("s3cret");
    }

    static Path readme() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        if (p == null) throw new AssertionError("README.md not found");
        return p.resolve("README.md");
    }
}
