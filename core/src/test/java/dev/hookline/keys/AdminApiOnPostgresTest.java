package dev.hookline.keys;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin routes on the shared store. */
@ExtendWith(OnPostgres.class)
class AdminApiOnPostgresTest extends AdminApiTest {}
