package dev.hookline.delivery;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deliveries API on the shared store. */
@ExtendWith(OnPostgres.class)
class DeliveriesApiOnPostgresTest extends DeliveriesApiTest {}
