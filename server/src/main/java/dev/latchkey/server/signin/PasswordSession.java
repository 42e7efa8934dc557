package dev.latchkey.server.signin;

import dev.latchkey.core.strength.SignInEvidence;
import java.io.Serial;
import java.time.Instant;

/**
 * A session obtained with a password alone: single-factor, so it meets no authentication strength and
 * may not add or change sign-in methods. It ends when the password is changed or removed, or when the
 * password policy stops covering the person.
 */
public final class PasswordSession extends SignInSession {

  @Serial
  private static final long serialVersionUID = 1L;
  static final String METHOD = "Password";

  private final Instant passwordSetAt;

  PasswordSession(String userId, String userPrincipalName, String displayName, Instant passwordSetAt,
      Instant authenticatedAt, Instant expiresAt) {
    super(userId, userPrincipalName, displayName, authenticatedAt, expiresAt, authenticatedAt);
    this.passwordSetAt = passwordSetAt;
  }

  /** When the password used was set; a session from an older password is over. */
  public Instant passwordSetAt() {
    return passwordSetAt;
  }

  @Override
  public String method() {
    return METHOD;
  }

  /** A password alone: one factor, which meets no authentication strength. */
  @Override
  public SignInEvidence evidence() {
    return SignInEvidence.password();
  }
}
