package dev.latchkey.server.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorization codes, access tokens, refresh tokens and device codes are stored as their SHA-256 digest,
 * never as themselves, so that reading the database (a backup, a replica, a leaked dump) yields nothing that
 * can be presented to Latchkey or to an API: a refresh token alone would otherwise mint new access tokens
 * for as long as it lives. The digest needs no key: every one of these values is 256 or more random bits
 * (or a signed JWT carrying a random id), so there is nothing to guess from its hash, unlike a pass.
 *
 * <p>A stored value reads {@code sha256:} and the digest in hex; a value found by what the client presented
 * comes back as that value, so Spring Authorization Server's providers, which look the presented value up
 * again in the authorization it found ({@link OAuth2Authorization#getToken(String)}), see what they expect.
 * The other tokens of that authorization, and every token of one found by id, keep their digest: nothing
 * ever sends a stored token back to a client, since every grant issues new ones. ID tokens are kept as they
 * are: they are no credential (no grant or API accepts one), and RP-initiated logout finds the authorization
 * by the ID token the application offers as its hint. User codes stay too: a person types them, and they
 * are worthless once the device code they go with is used or expired.
 */
final class HashedTokenValues extends AuthorizationServiceDecorator {

  static final String PREFIX = "sha256:";

  private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
  private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);
  private static final List<OAuth2TokenType> HASHED = List.of(CODE, OAuth2TokenType.ACCESS_TOKEN,
      OAuth2TokenType.REFRESH_TOKEN, DEVICE_CODE);

  HashedTokenValues(OAuth2AuthorizationService delegate) {
    super(delegate);
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(hashed(authorization));
  }

  /**
   * Finds an authorization by the digest of what a client presented. A lookup without a type (introspection
   * or revocation without a hint) then tries the value as it is, for the tokens kept as they are, and takes
   * only an ID token or user code that equals it: never a digest, whatever the database's collation.
   */
  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (token == null) {
      return null;
    }
    if (tokenType != null && !HASHED.contains(tokenType)) {
      return delegate.findByToken(token, tokenType);
    }
    String digest = digest(token);
    OAuth2Authorization found = delegate.findByToken(digest, tokenType);
    if (found != null) {
      return presented(found, digest, token);
    }
    if (tokenType != null) {
      return null;
    }
    OAuth2Authorization kept = delegate.findByToken(token, null);
    OAuth2Authorization.Token<?> match = kept == null ? null : kept.getToken(token);
    boolean keptAsItIs = match != null
        && (match.getToken() instanceof OidcIdToken || match.getToken() instanceof OAuth2UserCode);
    return keptAsItIs ? kept : null;
  }

  /** The digest of a value presented by a client, hashed whatever it looks like. */
  static String digest(String presented) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * The stored form of a token's value: its digest, or the value itself when it was read from the store.
   * Only for values Latchkey generated or read back, never for what a client presents: a client that
   * presents a digest must not be taken for the token's holder.
   */
  static String stored(String value) {
    return value.startsWith(PREFIX) ? value : digest(value);
  }

  /** Whether two values, each generated by Latchkey or read from the store, are the same token. */
  static boolean same(String one, String other) {
    return MessageDigest.isEqual(stored(one).getBytes(StandardCharsets.US_ASCII),
        stored(other).getBytes(StandardCharsets.US_ASCII));
  }

  private static OAuth2Authorization hashed(OAuth2Authorization authorization) {
    return withValues(authorization, HashedTokenValues::stored);
  }

  /** The authorization with the token stored as {@code digest} given back as {@code presented}, its value. */
  private static OAuth2Authorization presented(OAuth2Authorization authorization, String digest, String presented) {
    return withValues(authorization, value -> value.equals(digest) ? presented : value);
  }

  /** The authorization with the value of each hashed type of token mapped. */
  private static OAuth2Authorization withValues(OAuth2Authorization authorization, UnaryOperator<String> value) {
    OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
    replace(builder, authorization.getToken(OAuth2AuthorizationCode.class), value);
    replace(builder, authorization.getAccessToken(), value);
    replace(builder, authorization.getRefreshToken(), value);
    replace(builder, authorization.getToken(OAuth2DeviceCode.class), value);
    return builder.build();
  }

  /**
   * Puts the token back with its value mapped; the builder keeps the token's metadata (its claims, whether
   * it was invalidated) for a token of the same type.
   */
  private static void replace(OAuth2Authorization.Builder builder, OAuth2Authorization.Token<?> token,
      UnaryOperator<String> value) {
    if (token == null) {
      return;
    }
    OAuth2Token old = token.getToken();
    String mapped = value.apply(old.getTokenValue());
    if (mapped.equals(old.getTokenValue())) {
      return;
    }
    OAuth2Token replacement;
    if (old instanceof OAuth2AuthorizationCode code) {
      replacement = new OAuth2AuthorizationCode(mapped, code.getIssuedAt(), code.getExpiresAt());
    } else if (old instanceof OAuth2AccessToken access) {
      replacement = new OAuth2AccessToken(access.getTokenType(), mapped, access.getIssuedAt(), access.getExpiresAt(),
          access.getScopes());
    } else if (old instanceof OAuth2RefreshToken refresh) {
      replacement = new OAuth2RefreshToken(mapped, refresh.getIssuedAt(), refresh.getExpiresAt());
    } else if (old instanceof OAuth2DeviceCode device) {
      replacement = new OAuth2DeviceCode(mapped, device.getIssuedAt(), device.getExpiresAt());
    } else {
      throw new IllegalArgumentException("Not a hashed token type: " + old.getClass().getName());
    }
    builder.token(replacement, metadata -> { });
  }
}
