package dev.latchkey.server.signin;

import dev.latchkey.server.security.SignedInPerson;
import java.io.Serial;
import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A browser session obtained with a Temporary Access Pass. It ends when the pass would (a session never
 * outlives its pass), when the pass is deleted, or when the user is disabled or deleted; methods can be
 * registered until {@code registrationUntil}. Kept in the shared session store, so it is serializable.
 */
public final class PassSession extends AbstractAuthenticationToken implements SignedInPerson {

  @Serial
  private static final long serialVersionUID = 1L;
  /** What a pass session may reach until the OIDC work widens it per application. */
  public static final String SECURITY_INFO = "SECURITY_INFO";

  private final String userId;
  private final String userPrincipalName;
  private final String displayName;
  private final String passId;
  private final boolean oneTimePass;
  private final Instant authenticatedAt;
  private final Instant expiresAt;
  private final Instant registrationUntil;

  PassSession(String userId, String userPrincipalName, String displayName, String passId, boolean oneTimePass,
      Instant authenticatedAt, Instant expiresAt, Instant registrationUntil) {
    super(List.of(new SimpleGrantedAuthority(SECURITY_INFO)));
    this.userId = userId;
    this.userPrincipalName = userPrincipalName;
    this.displayName = displayName;
    this.passId = passId;
    this.oneTimePass = oneTimePass;
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

  public String passId() {
    return passId;
  }

  public boolean oneTimePass() {
    return oneTimePass;
  }

  public Instant authenticatedAt() {
    return authenticatedAt;
  }

  /** When the pass, and so the session, ends. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Until when this session may register sign-in methods. */
  public Instant registrationUntil() {
    return registrationUntil;
  }

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
