package dev.latchkey.server.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps a registration ceremony's options in the session as a serializable snapshot. Spring Security
 * 7.0's own repository stores the options object, which is not serializable, so it fails with sessions in
 * the database (spring-security#16431); the snapshot also lets a ceremony started on one node finish on
 * another.
 */
final class SessionCreationOptionsRepository implements PublicKeyCredentialCreationOptionsRepository {

  static final String ATTRIBUTE = SessionCreationOptionsRepository.class.getName() + ".options";

  @Override
  public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
    HttpSession session = request.getSession();
    if (options == null) {
      session.removeAttribute(ATTRIBUTE);
    } else {
      session.setAttribute(ATTRIBUTE, Snapshot.of(options));
    }
  }

  @Override
  public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object snapshot = session == null ? null : session.getAttribute(ATTRIBUTE);
    return snapshot instanceof Snapshot saved ? saved.options() : null;
  }

  /** The parts of the options that the ceremony's verification reads, in serializable form. */
  record Snapshot(String rpId, String rpName, byte[] userId, String userName, String userDisplayName,
      byte[] challenge, long[] algorithms, long timeoutMillis, List<byte[]> excluded, List<Set<String>> excludedTransports,
      String attachment, String residentKey, String userVerification, String attestation, boolean credProps)
      implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static Snapshot of(PublicKeyCredentialCreationOptions options) {
      AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
      return new Snapshot(options.getRp().getId(), options.getRp().getName(), options.getUser().getId().getBytes(),
          options.getUser().getName(), options.getUser().getDisplayName(), options.getChallenge().getBytes(),
          options.getPubKeyCredParams().stream().mapToLong(p -> p.getAlg().getValue()).toArray(),
          options.getTimeout() == null ? 300_000 : options.getTimeout().toMillis(),
          options.getExcludeCredentials().stream().map(d -> d.getId().getBytes()).toList(),
          options.getExcludeCredentials().stream().map(d -> d.getTransports() == null ? Set.<String>of()
              : d.getTransports().stream().map(AuthenticatorTransport::getValue).collect(Collectors.toSet())).toList(),
          selection == null || selection.getAuthenticatorAttachment() == null ? null
              : selection.getAuthenticatorAttachment().getValue(),
          selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue(),
          selection == null || selection.getUserVerification() == null ? null : selection.getUserVerification().getValue(),
          options.getAttestation() == null ? null : options.getAttestation().getValue(),
          options.getExtensions() != null && options.getExtensions().getInputs().stream()
              .anyMatch(input -> "credProps".equals(input.getExtensionId())));
    }

    PublicKeyCredentialCreationOptions options() {
      AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder selection = AuthenticatorSelectionCriteria.builder();
      if (attachment != null) {
        selection.authenticatorAttachment(AuthenticatorAttachment.valueOf(attachment));
      }
      if (residentKey != null) {
        selection.residentKey(ResidentKeyRequirement.valueOf(residentKey));
      }
      if (userVerification != null) {
        selection.userVerification(Arrays.stream(new UserVerificationRequirement[] {UserVerificationRequirement.REQUIRED,
                UserVerificationRequirement.PREFERRED, UserVerificationRequirement.DISCOURAGED})
            .filter(requirement -> requirement.getValue().equals(userVerification)).findFirst().orElseThrow());
      }
      PublicKeyCredentialCreationOptions.PublicKeyCredentialCreationOptionsBuilder builder =
          PublicKeyCredentialCreationOptions.builder()
              .rp(PublicKeyCredentialRpEntity.builder().id(rpId).name(rpName).build())
              .user(ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(userId)).name(userName)
                  .displayName(userDisplayName).build())
              .challenge(new Bytes(challenge))
              .pubKeyCredParams(Arrays.stream(algorithms).mapToObj(Snapshot::parameters).toList())
              .timeout(Duration.ofMillis(timeoutMillis))
              .excludeCredentials(java.util.stream.IntStream.range(0, excluded.size())
                  .mapToObj(i -> PublicKeyCredentialDescriptor.builder().id(new Bytes(excluded.get(i)))
                      .transports(excludedTransports.get(i).stream().map(AuthenticatorTransport::valueOf)
                          .collect(Collectors.toSet())).build())
                  .toList())
              .authenticatorSelection(selection.build());
      if (attestation != null) {
        builder.attestation(AttestationConveyancePreference.valueOf(attestation));
      }
      if (credProps) {
        builder.extensions(new ImmutableAuthenticationExtensionsClientInputs(ImmutableAuthenticationExtensionsClientInput.credProps));
      }
      return builder.build();
    }

    private static PublicKeyCredentialParameters parameters(long algorithm) {
      return Arrays.stream(new PublicKeyCredentialParameters[] {PublicKeyCredentialParameters.ES256,
              PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512, PublicKeyCredentialParameters.RS256,
              PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512, PublicKeyCredentialParameters.EdDSA,
              PublicKeyCredentialParameters.RS1})
          .filter(p -> p.getAlg().getValue() == algorithm).findFirst()
          .orElseThrow(() -> new IllegalStateException("Unknown COSE algorithm " + algorithm));
    }
  }
}
