package dev.hookline.web;

import dev.hookline.flows.SigningKeys;
import io.javalin.config.RoutesConfig;

/**
 * The flow page's "Rotate signing secret" button: the same rotation as
 * {@code POST /api/v1/call-flows/{id}/post-call-webhook/rotate-secret}; the new secret is shown
 * once on the flow's page, the way a new flow's is.
 */
public final class SecretRotationPage {
    private final Guard guard;
    private final SigningKeys signingKeys;

    public SecretRotationPage(Guard guard, SigningKeys signingKeys) {
        this.guard = guard;
        this.signingKeys = signingKeys;
    }

    public void register(RoutesConfig r) {
        r.post("/flows/{id}/rotate-secret", guard.page(this::rotate));
    }

    private void rotate(Page p) {
        String id = p.ctx().pathParam("id");
        SigningKeys.Rotation done = signingKeys.rotate(p.business(), id); // 404 for another business's flow
        p.session().stash("secret:" + id, done.signingSecret());
        p.flash("ok", "Rotated the signing secret. The previous one keeps signing too until " + ViewModels.time(done.previousExpiresAt())
                + ", so your endpoint can switch in the meantime.");
        p.redirect("/flows/" + id);
    }
}
