package dev.latchkey.server.oidc;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * Consent is asked for every time and never kept: only public clients (devices, native apps) ask for it,
 * and for them the consent page is the person's chance to notice a request they didn't start.
 */
final class ConsentNeverRemembered implements OAuth2AuthorizationConsentService {

  @Override
  public void save(OAuth2AuthorizationConsent authorizationConsent) {
    // Nothing to keep: the next request asks again.
  }

  @Override
  public void remove(OAuth2AuthorizationConsent authorizationConsent) {
    // Nothing was kept.
  }

  @Override
  public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
    return null;
  }
}
