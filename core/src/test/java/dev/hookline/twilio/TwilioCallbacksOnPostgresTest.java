package dev.hookline.twilio;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Twilio status, dial and recording callbacks on the shared store. */
@ExtendWith(OnPostgres.class)
class TwilioCallbacksOnPostgresTest extends TwilioCallbacksTest {}
