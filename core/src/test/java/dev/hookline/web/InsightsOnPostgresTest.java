package dev.hookline.web;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health aggregates (hourly counts, kept final hours, endpoint statistics) on the shared store. */
@ExtendWith(OnPostgres.class)
class InsightsOnPostgresTest extends InsightsTest {}
