package dev.latchkey.server.passkey;

import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's credential store with Latchkey's rules in front of a new registration: the FIDO2
 * policy (self-service, targets, attestation, key restrictions) and one user per credential id. A new
 * passkey is audited in the transaction that stores it; updates (sign counter, last use) pass through.
 * Spring stamps a record's creation and last use with the wall clock; both are restamped here from the
 * injected {@link Clock}, so every time Latchkey shows comes from one clock.
 */
final class PolicyEnforcingCredentials implements UserCredentialRepository {

  private final UserCredentialRepository store;
  private final PasskeyService passkeys;
  private final UserService users;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;

  PolicyEnforcingCredentials(UserCredentialRepository store, PasskeyService passkeys, UserService users, AuditLog audit,
      TransactionTemplate transactions, Clock clock) {
    this.store = store;
    this.passkeys = passkeys;
    this.users = users;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void save(CredentialRecord update) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    CredentialRecord existing = store.findByCredentialId(update.getCredentialId());
    if (existing != null) {
      if (!existing.getUserEntityUserId().equals(update.getUserEntityUserId())) {
        throw new PasskeyPolicyException("This passkey is registered to another account.");
      }
      store.save(ImmutableCredentialRecord.fromCredentialRecord(update).lastUsed(now).build());
      return;
    }
    CredentialRecord record = ImmutableCredentialRecord.fromCredentialRecord(update).created(now).lastUsed(now).build();
    String userId = passkeys.userIdOfEntity(record.getUserEntityUserId().toBase64UrlString())
        .orElseThrow(() -> new PasskeyPolicyException("Unknown account."));
    boolean attested = passkeys.requireAllowedAuthenticator(userId, bytes(record.getAttestationObject()),
        bytes(record.getAttestationClientDataJSON()));
    User user = users.findById(userId).orElseThrow(() -> new PasskeyPolicyException("Unknown account."));
    transactions.executeWithoutResult(status -> {
      store.save(record);
      if (attested) {
        passkeys.markAttested(record.getCredentialId().toBase64UrlString());
      }
      audit.record(new AuditEvent("UserManagement", "User registered security info", "Add",
          "User registered FIDO2 security key", "Authentication Methods", List.of(new AuditEvent.TargetResource(
              user.id(), user.displayName(), "User", user.userPrincipalName(), List.of(
                  AuditEvent.ModifiedProperty.added("Fido2.DisplayName", record.getLabel()))))));
    });
  }

  private static byte[] bytes(Bytes bytes) {
    return bytes == null ? null : bytes.getBytes();
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
