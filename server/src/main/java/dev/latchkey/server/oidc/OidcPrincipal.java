package dev.latchkey.server.oidc;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.core.strength.SignInEvidence;
import dev.latchkey.core.strength.SignInMethod;
import dev.latchkey.server.signin.PassSession;
import dev.latchkey.server.signin.SignInSession;
import java.io.Serial;
import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The person an application's authorization belongs to, and how they signed in. The authorization server
 * keeps it with the authorization (as JSON, in the database), so refreshed tokens still say how the person
 * signed in and still end when a pass ends. Built from the browser session only for the request that
 * authorizes the application; the session itself is untouched.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class OidcPrincipal extends AbstractAuthenticationToken {

  @Serial
  private static final long serialVersionUID = 1L;

  @JsonProperty private final String userId;
  @JsonProperty private final String userPrincipalName;
  @JsonProperty private final String displayName;
  @JsonProperty private final String method;
  @JsonProperty private final boolean deviceBound;
  @JsonProperty private final boolean userVerified;
  @JsonProperty private final long authTime;
  @JsonProperty private final String passId;
  @JsonProperty private final long passEndsAt;

  @JsonCreator
  OidcPrincipal(@JsonProperty("userId") String userId, @JsonProperty("userPrincipalName") String userPrincipalName,
      @JsonProperty("displayName") String displayName, @JsonProperty("method") String method,
      @JsonProperty("deviceBound") boolean deviceBound, @JsonProperty("userVerified") boolean userVerified,
      @JsonProperty("authTime") long authTime, @JsonProperty("passId") String passId,
      @JsonProperty("passEndsAt") long passEndsAt) {
    super(List.of(factor(method, authTime)));
    this.userId = userId;
    this.userPrincipalName = userPrincipalName;
    this.displayName = displayName;
    this.method = method;
    this.deviceBound = deviceBound;
    this.userVerified = userVerified;
    this.authTime = authTime;
    this.passId = passId;
    this.passEndsAt = passEndsAt;
    setAuthenticated(true);
  }

  /**
   * The factor the person proved and when, as Spring Security 7 records it: the authorization server takes
   * an ID token's {@code auth_time} from it and refuses to issue one without it.
   */
  private static GrantedAuthority factor(String method, long authTime) {
    String factor = switch (SignInMethod.valueOf(method)) {
      case PASSKEY -> FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
      case PASSWORD -> FactorGrantedAuthority.PASSWORD_AUTHORITY;
      case TEMPORARY_ACCESS_PASS -> "FACTOR_TEMPORARY_ACCESS_PASS";
    };
    return FactorGrantedAuthority.withAuthority(factor).issuedAt(Instant.ofEpochSecond(authTime)).build();
  }

  static OidcPrincipal of(SignInSession session) {
    SignInEvidence evidence = session.evidence();
    PassSession pass = session instanceof PassSession passSession ? passSession : null;
    return new OidcPrincipal(session.userId(), session.userPrincipalName(), session.displayName(),
        evidence.method().name(), evidence.deviceBound(), evidence.userVerified(),
        session.authenticatedAt().getEpochSecond(), pass == null ? null : pass.passId(),
        pass == null ? 0 : session.expiresAt().toEpochMilli());
  }

  public String userId() {
    return userId;
  }

  public String userPrincipalName() {
    return userPrincipalName;
  }

  public String displayName() {
    return displayName;
  }

  public SignInEvidence evidence() {
    return new SignInEvidence(SignInMethod.valueOf(method), deviceBound, userVerified);
  }

  public Instant authenticatedAt() {
    return Instant.ofEpochSecond(authTime);
  }

  /** The pass the person signed in with, or null for any other method. */
  public String passId() {
    return passId;
  }

  /** When the pass behind this sign-in ends: no token outlives it. Null when no pass is involved. */
  public Instant passEndsAt() {
    return passId == null ? null : Instant.ofEpochMilli(passEndsAt);
  }

  /** The user's object id: authorizations are recorded under it. */
  @Override
  public String getName() {
    return userId;
  }

  @Override
  public Object getPrincipal() {
    return userId;
  }

  @Override
  public Object getCredentials() {
    return "";
  }
}
