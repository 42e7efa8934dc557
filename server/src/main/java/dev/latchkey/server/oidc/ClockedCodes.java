package dev.latchkey.server.oidc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes, device codes and user codes stamped by Latchkey's clock, like every other expiry
 * (Spring's own generators read the system clock). Codes are 96 random bytes; a user code is eight
 * letters without vowels or look-alikes, {@code BCDF-GHJK}, about 34 bits, typed on a throttled page.
 */
final class ClockedCodes implements ObjectPostProcessor<Object> {

  private static final String USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  ClockedCodes(Clock clock) {
    this.clock = clock;
  }

  /**
   * Gives every provider that mints codes these generators, wherever the authorization server creates it
   * (the authorization, consent and pushed-authorization endpoints each have their own).
   */
  @Override
  public <O> O postProcess(O object) {
    if (object instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
      request.setAuthorizationCodeGenerator(authorizationCodes());
    } else if (object instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
      consent.setAuthorizationCodeGenerator(authorizationCodes());
    } else if (object instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider device) {
      device.setDeviceCodeGenerator(deviceCodes());
      device.setUserCodeGenerator(userCodes());
    }
    return object;
  }

  OAuth2TokenGenerator<OAuth2AuthorizationCode> authorizationCodes() {
    return context -> {
      Instant now = clock.instant();
      return new OAuth2AuthorizationCode(randomCode(), now,
          now.plus(context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive()));
    };
  }

  OAuth2TokenGenerator<OAuth2DeviceCode> deviceCodes() {
    return context -> new OAuth2DeviceCode(randomCode(), clock.instant(), expiry(context));
  }

  OAuth2TokenGenerator<OAuth2UserCode> userCodes() {
    return context -> new OAuth2UserCode(userCode(), clock.instant(), expiry(context));
  }

  private Instant expiry(OAuth2TokenContext context) {
    Duration lifetime = context.getRegisteredClient().getTokenSettings().getDeviceCodeTimeToLive();
    return clock.instant().plus(lifetime);
  }

  private static String randomCode() {
    byte[] bytes = new byte[96];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String userCode() {
    StringBuilder code = new StringBuilder(9);
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        code.append('-');
      }
      code.append(USER_CODE_LETTERS.charAt(RANDOM.nextInt(USER_CODE_LETTERS.length())));
    }
    return code.toString();
  }
}
