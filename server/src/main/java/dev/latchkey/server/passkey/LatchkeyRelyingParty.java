package dev.latchkey.server.passkey;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Security's relying party (webauthn4j underneath) with Latchkey's rules around it: registration
 * only where the FIDO2 policy allows it, sign-in only for enabled users the policy covers, and the
 * credential used remembered for the request, so that the session it creates ends when it is deleted. Each
 * finished ceremony is counted.
 */
final class LatchkeyRelyingParty implements WebAuthnRelyingPartyOperations {

  private final WebAuthnRelyingPartyOperations delegate;
  private final PasskeyService passkeys;
  private final UserService users;
  private final MeterRegistry meters;

  LatchkeyRelyingParty(WebAuthnRelyingPartyOperations delegate, PasskeyService passkeys, UserService users,
      MeterRegistry meters) {
    this.delegate = delegate;
    this.passkeys = passkeys;
    this.users = users;
    this.meters = meters;
  }

  @Override
  public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
      PublicKeyCredentialCreationOptionsRequest request) {
    User user = users.findById(request.getAuthentication().getName())
        .orElseThrow(() -> new PasskeyPolicyException("Sign in first."));
    passkeys.registrationRefusal(user).ifPresent(reason -> {
      throw new PasskeyPolicyException(reason);
    });
    return delegate.createPublicKeyCredentialCreationOptions(request);
  }

  @Override
  public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
    try {
      CredentialRecord record = delegate.registerCredential(request);
      count("registration", "success");
      return record;
    } catch (RuntimeException e) {
      count("registration", "failure");
      throw e;
    }
  }

  @Override
  public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
    return delegate.createCredentialRequestOptions(request);
  }

  /**
   * Verifies the assertion. Before that, the account the credential belongs to (if any) is noted for the
   * request, so that a failed sign-in is logged against that account.
   */
  @Override
  public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes != null && request.getPublicKey() != null && request.getPublicKey().getId() != null) {
      passkeys.ownerOf(request.getPublicKey().getId()).ifPresent(userId ->
          attributes.setAttribute(PasskeyService.CREDENTIAL_OWNER, userId, RequestAttributes.SCOPE_REQUEST));
    }
    try {
      PublicKeyCredentialUserEntity entity = verify(request);
      count("authentication", "success");
      return entity;
    } catch (RuntimeException e) {
      count("authentication", "failure");
      throw e;
    }
  }

  /** Counts a finished ceremony: {@code latchkey_webauthn_ceremonies_total{ceremony, result}}. */
  private void count(String ceremony, String result) {
    Counter.builder("latchkey.webauthn.ceremonies").description("WebAuthn ceremonies finished, by kind and result")
        .tag("ceremony", ceremony).tag("result", result).register(meters).increment();
  }

  private PublicKeyCredentialUserEntity verify(RelyingPartyAuthenticationRequest request) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    PublicKeyCredentialUserEntity entity = delegate.authenticate(request);
    User user = users.findById(entity.getName()).orElseThrow(() -> new BadCredentialsException("UserNotFound"));
    if (!user.accountEnabled()) {
      throw new BadCredentialsException("AccountDisabled");
    }
    if (!passkeys.mayUsePasskeys(user)) {
      throw new BadCredentialsException("PasskeyDisabledByPolicy");
    }
    if (attributes != null) {
      attributes.setAttribute(PasskeyService.CREDENTIAL_USED, request.getPublicKey().getId(), RequestAttributes.SCOPE_REQUEST);
    }
    return entity;
  }
}
