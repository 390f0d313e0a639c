package dev.hookline.retention;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** HOOKLINE_RETENTION on a hub of the shared store: the same passes remove the same rows. */
@ExtendWith(OnPostgres.class)
class RetentionOnPostgresTest extends RetentionTest {}
