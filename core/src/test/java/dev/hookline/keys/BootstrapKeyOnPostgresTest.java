package dev.hookline.keys;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bootstrap key across restarts of a hub on the shared store. */
@ExtendWith(OnPostgres.class)
class BootstrapKeyOnPostgresTest extends BootstrapKeyTest {}
