package dev.hookline.flows;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** A webhook's headers, events and filter kept by the shared store. */
@ExtendWith(OnPostgres.class)
class WebhookOptionsApiOnPostgresTest extends WebhookOptionsApiTest {}
