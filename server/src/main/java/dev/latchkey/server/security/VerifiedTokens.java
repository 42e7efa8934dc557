package dev.latchkey.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes bearer tokens, checking each token's signature once and its validity on every request.
 *
 * <p>A client calls the API many times with one token, and parsing plus verifying the signature cost more
 * than the rest of a small request's security (a third of the server's time when onboarding). So a token
 * whose signature verified is remembered, keyed on its exact text: a hit is the same bytes that were
 * verified. The validators (issuer, expiry on the injected clock, revocation of a person's token) still
 * run on every use, and a remembered token is refused as soon as its signing key is no longer published
 * (retired), so remembering never lets through a token that a fresh decode would refuse.
 */
final class VerifiedTokens implements JwtDecoder {

  private final JwtDecoder signatureOnly;
  private final OAuth2TokenValidator<Jwt> validator;
  private final Predicate<String> publishedKeyId;
  private final Cache<String, Jwt> verified;

  /**
   * @param signatureOnly decodes and checks the signature, with no other validation
   * @param validator what every use of a token must pass
   * @param publishedKeyId whether a key id still verifies tokens
   */
  VerifiedTokens(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> validator, Predicate<String> publishedKeyId,
      int capacity, Duration remembered) {
    this.signatureOnly = signatureOnly;
    this.validator = validator;
    this.publishedKeyId = publishedKeyId;
    this.verified = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(remembered).build();
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt jwt = verified.getIfPresent(token);
    if (jwt == null || !publishedKeyId.test(keyId(jwt))) {
      verified.invalidate(token);
      jwt = signatureOnly.decode(token);
      verified.put(token, jwt);
    }
    OAuth2TokenValidatorResult result = validator.validate(jwt);
    if (result.hasErrors()) {
      // Worded as NimbusJwtDecoder words it, so the answer doesn't depend on whether the token was remembered.
      String description = result.getErrors().stream().map(OAuth2Error::getDescription)
          .filter(text -> text != null && !text.isEmpty()).findFirst().orElse(null);
      throw new JwtValidationException(description == null ? "Unable to validate Jwt"
          : "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
    }
    return jwt;
  }

  private static String keyId(Jwt jwt) {
    Object kid = jwt.getHeaders().get("kid");
    return kid == null ? "" : kid.toString();
  }
}
