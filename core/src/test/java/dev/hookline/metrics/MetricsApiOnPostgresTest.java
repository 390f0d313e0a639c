package dev.hookline.metrics;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /metrics of a hub on the shared store: the same names move as on SQLite, the store's writer included. */
@ExtendWith(OnPostgres.class)
class MetricsApiOnPostgresTest extends MetricsApiTest {}
