package dev.hookline.twilio;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Twilio auth token settings on the shared store. */
@ExtendWith(OnPostgres.class)
class TwilioSettingsApiOnPostgresTest extends TwilioSettingsApiTest {}
