package dev.latchkey.server.passkey;

import dev.latchkey.core.policy.Fido2Policy;
import dev.latchkey.core.policy.MethodState;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.security.Caller;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's passkeys: listing, renaming and deleting them, and the FIDO2 policy's rules for registering
 * and using them.
 */
@Service
public class PasskeyService {

  static final int MAX_NAME = 100;
  /** The request attribute holding the id of the credential that just signed in. */
  public static final String CREDENTIAL_USED = PasskeyService.class.getName() + ".credentialUsed";
  /** The request attribute holding the id of the user whose credential a sign-in presented, verified or not. */
  public static final String CREDENTIAL_OWNER = PasskeyService.class.getName() + ".credentialOwner";

  private final PasskeyRepository passkeys;
  private final Fido2PolicyService policies;
  private final UserService users;
  private final AuditLog audit;
  private final AdminRights rights;
  private final Webauthn4jAttestation attestations;
  private final LatchkeyProperties properties;
  private final Clock clock;

  PasskeyService(PasskeyRepository passkeys, Fido2PolicyService policies, UserService users, AuditLog audit,
      AdminRights rights, Webauthn4jAttestation attestations, LatchkeyProperties properties, Clock clock) {
    this.passkeys = passkeys;
    this.policies = policies;
    this.users = users;
    this.audit = audit;
    this.rights = rights;
    this.attestations = attestations;
    this.properties = properties;
    this.clock = clock;
  }

  public List<Passkey> passkeysOf(User user) {
    return passkeys.findByUser(user.id());
  }

  public Passkey get(User user, String credentialId) {
    return passkeys.find(user.id(), credentialId).orElseThrow(() -> notFound(user, credentialId));
  }

  /** The id of the user a credential (base64url id) is registered to; empty for an unknown credential. */
  public Optional<String> ownerOf(String credentialId) {
    return passkeys.ownerOf(credentialId);
  }

  /** Whether the policy lets this user sign in with a passkey at all. */
  public boolean mayUsePasskeys(User user) {
    Fido2Policy policy = policies.current();
    return policy.state() == MethodState.ENABLED
        && policy.targeting().appliesTo(users.member(user, policy.targeting()));
  }

  /** Why this user may not register a passkey now, or empty when they may. */
  public Optional<String> registrationRefusal(User user) {
    Fido2Policy policy = policies.current();
    if (!mayUsePasskeys(user)) {
      return Optional.of("Passkeys are not enabled for your account. Ask your administrator.");
    }
    if (!policy.isSelfServiceRegistrationAllowed()) {
      return Optional.of("Your organization doesn't let people add passkeys themselves. Ask your administrator.");
    }
    return Optional.empty();
  }

  /**
   * Refuses an authenticator the policy doesn't allow: when attestation is enforced, one without
   * attestation or whose attestation doesn't chain to the operator's trust anchors; or a model (AAGUID)
   * the key restrictions block.
   *
   * @param clientDataJson the registration's client data, whose hash the attestation signs
   * @return whether the attestation is trusted, which Graph reports as {@code attestationLevel}
   */
  boolean requireAllowedAuthenticator(String userId, byte[] attestationObject, byte[] clientDataJson) {
    Fido2Policy policy = policies.current();
    Webauthn4jAttestation.Attestation attestation = Webauthn4jAttestation.read(attestationObject);
    Webauthn4jAttestation.Trust trust = attestations.trust(attestationObject, clientDataJson,
        properties.relyingPartyId(), clock.instant());
    if (policy.isAttestationEnforced() && trust == Webauthn4jAttestation.Trust.NONE) {
      throw new PasskeyPolicyException("Your organization requires a security key that proves its model "
          + "(attestation), and this one doesn't. Try another key.");
    }
    if (policy.isAttestationEnforced() && trust == Webauthn4jAttestation.Trust.UNTRUSTED) {
      throw new PasskeyPolicyException("Your organization only accepts security keys from makers it trusts, and "
          + "this key's attestation isn't from one of them. Try another key, or ask your administrator.");
    }
    if (!policy.keyRestrictions().permits(attestation.aaGuid())) {
      throw new PasskeyPolicyException("This kind of security key isn't allowed by your organization. Try another key.");
    }
    User user = users.findById(userId).orElseThrow(() -> new PasskeyPolicyException("Unknown user."));
    registrationRefusal(user).ifPresent(reason -> {
      throw new PasskeyPolicyException(reason);
    });
    return trust == Webauthn4jAttestation.Trust.TRUSTED;
  }

  /** Records that a new credential's attestation chained to a trust anchor. */
  void markAttested(String credentialId) {
    passkeys.markAttested(credentialId);
  }

  /** The Latchkey user id behind a WebAuthn user entity id (base64url). */
  Optional<String> userIdOfEntity(String entityId) {
    return passkeys.userIdOfEntity(entityId);
  }

  @Transactional
  public void rename(User user, String credentialId, String name) {
    String label = name == null ? "" : name.strip();
    if (label.isEmpty() || label.length() > MAX_NAME) {
      throw GraphException.badRequest("A passkey's name is 1 to " + MAX_NAME + " characters.");
    }
    if (!passkeys.rename(user.id(), credentialId, label)) {
      throw notFound(user, credentialId);
    }
  }

  @Transactional
  public void delete(User user, String credentialId) {
    rights.require(AdminAction.MANAGE_METHODS, user.id());
    Passkey passkey = get(user, credentialId);
    if (!passkeys.delete(user.id(), credentialId)) {
      throw notFound(user, credentialId);
    }
    Caller caller = Caller.current();
    boolean own = caller.isUser() && caller.id().equals(user.id());
    audit.record(new AuditEvent("UserManagement", own ? "User deleted security info" : "Admin deleted security info",
        "Delete", own ? "User deleted FIDO2 security key" : "Admin deleted FIDO2 security key for user",
        "Authentication Methods", List.of(new AuditEvent.TargetResource(user.id(), user.displayName(), "User",
            user.userPrincipalName(), List.of(AuditEvent.ModifiedProperty.removed("Fido2.DisplayName",
                passkey.displayName()))))));
  }

  private static GraphException notFound(User user, String credentialId) {
    return GraphException.notFound("User '" + user.userPrincipalName() + "' has no passkey with id '" + credentialId + "'.");
  }
}
