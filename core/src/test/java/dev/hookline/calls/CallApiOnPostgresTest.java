package dev.hookline.calls;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The calls API on the shared store. */
@ExtendWith(OnPostgres.class)
class CallApiOnPostgresTest extends CallApiTest {}
