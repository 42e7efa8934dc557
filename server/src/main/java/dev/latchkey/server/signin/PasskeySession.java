package dev.latchkey.server.signin;

import java.io.Serial;
import java.time.Instant;

/** A session obtained with a passkey; it ends when that passkey is deleted. */
public final class PasskeySession extends SignInSession {

  @Serial
  private static final long serialVersionUID = 1L;
  static final String METHOD = "Passkey (FIDO2)";

  private final String credentialId;

  PasskeySession(String userId, String userPrincipalName, String displayName, String credentialId,
      Instant authenticatedAt, Instant expiresAt, Instant registrationUntil) {
    super(userId, userPrincipalName, displayName, authenticatedAt, expiresAt, registrationUntil);
    this.credentialId = credentialId;
  }

  public String credentialId() {
    return credentialId;
  }

  @Override
  public String method() {
    return METHOD;
  }
}
