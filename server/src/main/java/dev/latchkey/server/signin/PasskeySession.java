package dev.latchkey.server.signin;

import dev.latchkey.core.strength.SignInEvidence;
import java.io.Serial;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/** A session obtained with a passkey; it ends when that passkey is deleted. */
public final class PasskeySession extends SignInSession {

  @Serial
  private static final long serialVersionUID = 1L;
  static final String METHOD = "Passkey (FIDO2)";

  private final String credentialId;
  private final boolean deviceBound;

  PasskeySession(String userId, String userPrincipalName, String displayName, String credentialId,
      boolean deviceBound, Instant authenticatedAt, Instant expiresAt, Instant registrationUntil) {
    super(userId, userPrincipalName, displayName, authenticatedAt, expiresAt, registrationUntil);
    this.credentialId = credentialId;
    this.deviceBound = deviceBound;
  }

  /**
   * Lets only passkey sessions through, for the admin portal: a session from a pass is for My Security
   * Info alone, whoever holds it.
   */
  static AuthorizationResult required(Supplier<? extends Authentication> authentication, Object context) {
    return new AuthorizationDecision(authentication.get() instanceof PasskeySession);
  }

  public String credentialId() {
    return credentialId;
  }

  @Override
  public String method() {
    return METHOD;
  }

  /** Passkey sign-in requires user verification, so every passkey session verified the person. */
  @Override
  public SignInEvidence evidence() {
    return SignInEvidence.passkey(deviceBound, true);
  }
}
