package dev.hookline.flows;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signing-secret rotation on the shared store. */
@ExtendWith(OnPostgres.class)
class SecretRotationOnPostgresTest extends SecretRotationTest {}
