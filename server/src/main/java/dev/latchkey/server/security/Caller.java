package dev.latchkey.server.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is making the current API request: an application (client credentials) or a signed-in user
 * (delegated token).
 *
 * @param kind app or user
 * @param id the client id of an app, the object id of a user
 * @param displayName a name for audit entries; may be null
 */
public record Caller(Kind kind, String id, String displayName) {

  /** The two kinds of caller Graph knows. */
  public enum Kind { APP, USER }

  /** The caller of the current request, from its bearer token or its browser session. */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof SystemAuthentication) {
      return new Caller(Kind.APP, SystemAuthentication.ID, SystemAuthentication.NAME);
    }
    if (authentication instanceof SignedInPerson person) {
      return new Caller(Kind.USER, person.userId(), person.userPrincipalName());
    }
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new IllegalStateException("No bearer token in the current request");
    }
    Jwt jwt = token.getToken();
    if ("user".equals(jwt.getClaimAsString(TokenClaims.IDENTITY_TYPE))) {
      return new Caller(Kind.USER, jwt.getClaimAsString(TokenClaims.OBJECT_ID), jwt.getClaimAsString(TokenClaims.UPN));
    }
    return new Caller(Kind.APP, jwt.getSubject(), jwt.getClaimAsString(TokenClaims.APP_DISPLAY_NAME));
  }

  public boolean isUser() {
    return kind == Kind.USER;
  }
}
