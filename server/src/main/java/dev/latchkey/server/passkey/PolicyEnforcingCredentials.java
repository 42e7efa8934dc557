package dev.latchkey.server.passkey;

import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import java.util.List;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's credential store with Latchkey's rules in front of a new registration: the FIDO2
 * policy (self-service, targets, attestation, key restrictions) and one user per credential id. A new
 * passkey is audited in the transaction that stores it; updates (sign counter, last use) pass through.
 */
final class PolicyEnforcingCredentials implements UserCredentialRepository {

  private final UserCredentialRepository store;
  private final PasskeyService passkeys;
  private final UserService users;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  PolicyEnforcingCredentials(UserCredentialRepository store, PasskeyService passkeys, UserService users, AuditLog audit,
      TransactionTemplate transactions) {
    this.store = store;
    this.passkeys = passkeys;
    this.users = users;
    this.audit = audit;
    this.transactions = transactions;
  }

  @Override
  public void save(CredentialRecord record) {
    CredentialRecord existing = store.findByCredentialId(record.getCredentialId());
    if (existing != null) {
      if (!existing.getUserEntityUserId().equals(record.getUserEntityUserId())) {
        throw new PasskeyPolicyException("This passkey is registered to another account.");
      }
      store.save(record);
      return;
    }
    String userId = passkeys.userIdOfEntity(record.getUserEntityUserId().toBase64UrlString())
        .orElseThrow(() -> new PasskeyPolicyException("Unknown account."));
    passkeys.requireAllowedAuthenticator(userId, record.getAttestationObject() == null ? null
        : record.getAttestationObject().getBytes());
    User user = users.findById(userId).orElseThrow(() -> new PasskeyPolicyException("Unknown account."));
    transactions.executeWithoutResult(status -> {
      store.save(record);
      audit.record(new AuditEvent("UserManagement", "User registered security info", "Add",
          "User registered FIDO2 security key", "Authentication Methods", List.of(new AuditEvent.TargetResource(
              user.id(), user.displayName(), "User", user.userPrincipalName(), List.of(
                  AuditEvent.ModifiedProperty.added("Fido2.DisplayName", record.getLabel()))))));
    });
  }

  @Override
  public void delete(Bytes credentialId) {
    store.delete(credentialId);
  }

  @Override
  public CredentialRecord findByCredentialId(Bytes credentialId) {
    return store.findByCredentialId(credentialId);
  }

  @Override
  public List<CredentialRecord> findByUserId(Bytes userId) {
    return store.findByUserId(userId);
  }
}
