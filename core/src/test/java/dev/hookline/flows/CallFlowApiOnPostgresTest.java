package dev.hookline.flows;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The call flows API on the shared store. */
@ExtendWith(OnPostgres.class)
class CallFlowApiOnPostgresTest extends CallFlowApiTest {}
