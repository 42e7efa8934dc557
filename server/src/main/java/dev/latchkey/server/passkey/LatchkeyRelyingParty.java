package dev.latchkey.server.passkey;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
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
 * credential used remembered for the request, so that the session it creates ends when it is deleted.
 */
final class LatchkeyRelyingParty implements WebAuthnRelyingPartyOperations {

  private final WebAuthnRelyingPartyOperations delegate;
  private final PasskeyService passkeys;
  private final UserService users;

  LatchkeyRelyingParty(WebAuthnRelyingPartyOperations delegate, PasskeyService passkeys, UserService users) {
    this.delegate = delegate;
    this.passkeys = passkeys;
    this.users = users;
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
    return delegate.registerCredential(request);
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
