package dev.latchkey.server.signin;

import dev.latchkey.core.strength.SignInEvidence;
import java.io.Serial;
import java.time.Instant;

/**
 * A session obtained with a Temporary Access Pass. It never outlives the pass and ends when the pass is
 * deleted; a one-time pass leaves a short window to register methods.
 */
public final class PassSession extends SignInSession {

  @Serial
  private static final long serialVersionUID = 1L;

  private final String passId;
  private final boolean oneTimePass;

  PassSession(String userId, String userPrincipalName, String displayName, String passId, boolean oneTimePass,
      Instant authenticatedAt, Instant expiresAt, Instant registrationUntil) {
    super(userId, userPrincipalName, displayName, authenticatedAt, expiresAt, registrationUntil);
    this.passId = passId;
    this.oneTimePass = oneTimePass;
  }

  public String passId() {
    return passId;
  }

  public boolean oneTimePass() {
    return oneTimePass;
  }

  @Override
  public String method() {
    return PassSignIn.METHOD;
  }

  @Override
  public SignInEvidence evidence() {
    return SignInEvidence.temporaryAccessPass();
  }
}
