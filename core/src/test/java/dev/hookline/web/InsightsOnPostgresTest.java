package dev.hookline.web;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health aggregates counted by PostgreSQL from deliveries a hub really made. */
@ExtendWith(OnPostgres.class)
class InsightsOnPostgresTest extends InsightsTest {}
