package dev.latchkey.server.signin;

import dev.latchkey.core.strength.SignInEvidence;
import dev.latchkey.server.security.SignedInPerson;
import java.io.Serial;
import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A browser session: who signed in, how, and until when. Kept in the shared session store, so it is
 * serializable; {@link SessionGuard} ends it on the first request after it stops being valid.
 */
public abstract sealed class SignInSession extends AbstractAuthenticationToken implements SignedInPerson
    permits PassSession, PasskeySession, PasswordSession {

  @Serial
  private static final long serialVersionUID = 1L;
  /** What a browser session may reach until the OIDC work widens it per application. */
  public static final String SECURITY_INFO = "SECURITY_INFO";

  private final String userId;
  private final String userPrincipalName;
  private final String displayName;
  private final Instant authenticatedAt;
  private final Instant expiresAt;
  private final Instant registrationUntil;

  SignInSession(String userId, String userPrincipalName, String displayName, Instant authenticatedAt,
      Instant expiresAt, Instant registrationUntil) {
    super(List.of(new SimpleGrantedAuthority(SECURITY_INFO)));
    this.userId = userId;
    this.userPrincipalName = userPrincipalName;
    this.displayName = displayName;
    this.authenticatedAt = authenticatedAt;
    this.expiresAt = expiresAt;
    this.registrationUntil = registrationUntil;
    setAuthenticated(true);
  }

  @Override
  public String userId() {
    return userId;
  }

  @Override
  public String userPrincipalName() {
    return userPrincipalName;
  }

  public String displayName() {
    return displayName;
  }

  public Instant authenticatedAt() {
    return authenticatedAt;
  }

  /** When the session ends at the latest. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Until when this session may add or change sign-in methods. */
  public Instant registrationUntil() {
    return registrationUntil;
  }

  /** How the person signed in, as the sign-in log names it. */
  public abstract String method();

  /** What the sign-in proved, for the {@code amr} and {@code acr} of tokens and for strength checks. */
  public abstract SignInEvidence evidence();

  /** The user id: sessions are indexed by it, so all of a user's sessions can be found. */
  @Override
  public String getName() {
    return userId;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return userId;
  }
}
