package dev.latchkey.server.oidc;

import dev.latchkey.core.strength.SignInEvidence;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.security.TokenClaims;
import dev.latchkey.server.tap.PassService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What tokens issued for a person say: who (Graph's {@code idtyp=user}, {@code oid}, {@code upn}, and
 * {@code name}/{@code preferred_username} in the ID token), how they signed in ({@code amr}, {@code acr},
 * {@code auth_time}), and which delegated Graph permissions the application holds ({@code scp}). No token
 * outlives the pass behind the sign-in. A refresh is refused once the person is disabled or deleted, or the
 * pass they signed in with is gone.
 */
final class UserTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  static final String AMR = "amr";
  static final String ACR = "acr";
  /** The authorization a user's access token belongs to, so the API can tell when it was revoked. */
  static final String AUTHORIZATION_ID = "aid";

  private final UserService users;
  private final PassService passes;
  private final Clock clock;

  UserTokenClaims(UserService users, PassService passes, Clock clock) {
    this.users = users;
    this.passes = passes;
    this.clock = clock;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    if (!(context.getPrincipal() instanceof OidcPrincipal principal)) {
      return;
    }
    User user = stillSignedIn(principal, context);
    SignInEvidence evidence = principal.evidence();
    // The claims are kept with the authorization as typed JSON, and reading it back admits only the types
    // Spring Security allows: ArrayList is one of them, the immutable lists of List.of and toList() are not.
    var claims = context.getClaims()
        .claim(AMR, new ArrayList<>(evidence.amr()))
        .claim(ACR, evidence.acr())
        .claim(IdTokenClaimNames.AUTH_TIME, Date.from(principal.authenticatedAt()));
    if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      claims.claim(TokenClaims.IDENTITY_TYPE, "user")
          .claim(TokenClaims.OBJECT_ID, user.id())
          .claim(TokenClaims.UPN, user.userPrincipalName())
          .claim(TokenClaims.SCOPES, context.getAuthorizedScopes().stream().filter(Permissions.ALL::contains)
              .sorted().collect(Collectors.joining(" ")));
      if (context.getAuthorization() != null) {
        claims.claim(AUTHORIZATION_ID, context.getAuthorization().getId());
      }
    } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      claims.claim(StandardClaimNames.NAME, user.displayName())
          .claim(StandardClaimNames.PREFERRED_USERNAME, user.userPrincipalName());
    }
    Instant passEnds = principal.passEndsAt();
    if (passEnds != null) {
      claims.claims(all -> {
        Instant expires = (Instant) all.get("exp");
        if (expires == null || expires.isAfter(passEnds)) {
          all.put("exp", passEnds);
        }
      });
    }
  }

  private User stillSignedIn(OidcPrincipal principal, JwtEncodingContext context) {
    Optional<User> user = users.findById(principal.userId()).filter(User::accountEnabled);
    boolean passGone = principal.passId() != null && !passes.exists(principal.passId());
    boolean passOver = principal.passEndsAt() != null && !clock.instant().isBefore(principal.passEndsAt());
    if (user.isEmpty() || passGone || passOver) {
      throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
          "The sign-in behind this grant has ended: sign in again.", null));
    }
    return user.get();
  }
}
