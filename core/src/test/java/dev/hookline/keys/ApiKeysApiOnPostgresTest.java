package dev.hookline.keys;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys (prefix look-up, revocation, the last key) on the shared store. */
@ExtendWith(OnPostgres.class)
class ApiKeysApiOnPostgresTest extends ApiKeysApiTest {}
