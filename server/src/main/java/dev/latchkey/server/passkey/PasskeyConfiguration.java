package dev.latchkey.server.passkey;

import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.security.SignedInPerson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkeys with Spring Security's WebAuthn support: its JDBC stores, its relying party (webauthn4j), our
 * rules around them. The relying-party id and the allowed origin come from {@code latchkey.base-url}
 * (or {@code latchkey.passkeys.rp-id}), never from request headers. Discoverable credentials and user
 * verification are required, so a passkey alone is a passwordless, phishing-resistant sign-in.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

  static final String RP_NAME = "Latchkey";

  @Bean
  PublicKeyCredentialUserEntityRepository userEntityRepository(JdbcOperations jdbc) {
    return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
  }

  @Bean
  UserCredentialRepository userCredentialRepository(JdbcOperations jdbc, PasskeyService passkeys, UserService users,
      AuditLog audit, TransactionTemplate transactions, Clock clock) {
    return new PolicyEnforcingCredentials(new JdbcUserCredentialRepository(jdbc), passkeys, users, audit, transactions,
        clock);
  }

  @Bean
  WebAuthnRelyingPartyOperations relyingParty(PublicKeyCredentialUserEntityRepository userEntities,
      UserCredentialRepository credentials, LatchkeyProperties properties, PasskeyService passkeys, UserService users,
      MeterRegistry meters) {
    Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
        PublicKeyCredentialRpEntity.builder().id(properties.relyingPartyId()).name(RP_NAME).build(), Set.of(properties.origin()));
    operations.setCustomizeCreationOptions(options -> {
      options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
              .residentKey(ResidentKeyRequirement.REQUIRED)
              .userVerification(UserVerificationRequirement.REQUIRED)
              .build())
          .attestation(AttestationConveyancePreference.DIRECT);
      nameForPeople(userEntities, users).ifPresent(options::user);
    });
    operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
    return new LatchkeyRelyingParty(operations, passkeys, users, meters);
  }

  /**
   * The user entity the authenticator stores, with the person's username and name instead of the
   * internal id that keys it here, so a passkey picker shows "alice@example.com". Only the entity's id
   * binds the credential, so the stored entity keeps its name.
   */
  private static Optional<PublicKeyCredentialUserEntity> nameForPeople(PublicKeyCredentialUserEntityRepository entities,
      UserService users) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof SignedInPerson person)) {
      return Optional.empty();
    }
    PublicKeyCredentialUserEntity entity = entities.findByUsername(person.userId());
    return Optional.ofNullable(entity).flatMap(stored -> users.findById(person.userId()).map(user ->
        ImmutablePublicKeyCredentialUserEntity.builder().id(stored.getId()).name(user.userPrincipalName())
            .displayName(user.displayName()).build()));
  }

  /** Attestation reading and trust, with the operator's trust anchors (checked at start-up). */
  @Bean
  Webauthn4jAttestation attestations(PasskeyProperties properties) {
    return new Webauthn4jAttestation(properties.trustAnchors(), properties.metadataBlob());
  }

  @Bean
  PublicKeyCredentialCreationOptionsRepository creationOptionsRepository() {
    return new SessionCreationOptionsRepository();
  }

  /** Who a verified passkey belongs to: the user entity's name is the Latchkey user id. */
  @Bean
  UserDetailsService passkeyUsers(UserService users) {
    return userId -> users.findById(userId)
        .map(user -> org.springframework.security.core.userdetails.User.withUsername(user.id()).password("")
            .disabled(!user.accountEnabled()).authorities(List.of(new SimpleGrantedAuthority("PASSKEY"))).build())
        .orElseThrow(() -> new UsernameNotFoundException("No such user"));
  }


}
