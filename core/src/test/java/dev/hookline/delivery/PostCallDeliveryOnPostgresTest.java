package dev.hookline.delivery;

import dev.hookline.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Post-call delivery (payload, signature, retries, Wait for AI, time-outs) with the shared store's claims and leases. */
@ExtendWith(OnPostgres.class)
class PostCallDeliveryOnPostgresTest extends PostCallDeliveryTest {

    /** Not run here: it damages rows through the SQLite file; a missing call's read is in the store contract. */
    @Override
    void aCallThatCannotBeReadBackGetsAFailedAttemptAndARetryNotAStuckClaim() {}
}
