package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.latchkey.server.support.MutableClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

/** Remembering a verified signature must never let through a token that a fresh decode would refuse. */
class VerifiedTokensTest {

  private final Instant start = Instant.parse("2026-11-29T08:00:00Z");
  private final MutableClock clock = new MutableClock(Clock.fixed(start, ZoneOffset.UTC));
  private final Set<String> published = ConcurrentHashMap.newKeySet();
  private final AtomicInteger signatureChecks = new AtomicInteger();
  private RSAKey key;
  private VerifiedTokens tokens;

  @BeforeEach
  void keysAndDecoder() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    published.add("k1");
    // Like SigningKeys: a retired key is no longer offered for verification.
    JWKSource<SecurityContext> publicKeys = (selector, context) ->
        published.contains(key.getKeyID()) ? selector.select(new JWKSet(key.toPublicJWK())) : List.of();
    NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSource(publicKeys).build();
    nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
    JwtDecoder counting = token -> {
      signatureChecks.incrementAndGet();
      return nimbus.decode(token);
    };
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
    timestamps.setClock(clock);
    tokens = new VerifiedTokens(counting, timestamps, published::contains, 16, Duration.ofMinutes(10));
  }

  @Test
  void decodeWhenSameTokenTwiceThenSignatureCheckedOnce() {
    String token = sign(start.plus(Duration.ofHours(1)));

    Jwt first = tokens.decode(token);
    Jwt second = tokens.decode(token);

    assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("client-1");
    assertThat(signatureChecks).hasValue(1);
  }

  @Test
  void decodeWhenRememberedTokenExpiresThenRefused() {
    String token = sign(start.plus(Duration.ofMinutes(5)));
    tokens.decode(token);

    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void decodeWhenRememberedTokensKeyRetiredThenVerifiedAgainAndRefused() {
    String token = sign(start.plus(Duration.ofHours(1)));
    tokens.decode(token);

    published.remove("k1");

    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(BadJwtException.class);
    assertThat(signatureChecks).hasValue(2);
  }

  @Test
  void decodeWhenTokenTamperedThenRefusedEvenAfterTheOriginalWasRemembered() {
    String token = sign(start.plus(Duration.ofHours(1)));
    tokens.decode(token);
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
  }

  private String sign(Instant expiresAt) {
    NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    JwtClaimsSet claims = JwtClaimsSet.builder().subject("client-1").issuedAt(start).expiresAt(expiresAt).build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(), claims))
        .getTokenValue();
  }
}
