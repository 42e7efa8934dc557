package dev.latchkey.server.tap;

import dev.latchkey.core.pass.IssuedPass;
import dev.latchkey.core.pass.PassGenerator;
import dev.latchkey.core.pass.PassRequest;
import dev.latchkey.core.pass.PassTerms;
import dev.latchkey.core.pass.UsabilityReason;
import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditEvent.ModifiedProperty;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.Ids;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issues, reads and deletes Temporary Access Passes. One pass per user: while a pass is neither used up
 * nor expired, another create is refused; a spent pass is replaced. The pass is returned once, by
 * {@link #issue}, and stored only as a keyed hash.
 */
@Service
public class PassService {

  private final PassRepository passes;
  private final TapPolicyService policies;
  private final UserService users;
  private final AuditLog audit;
  private final AdminRights rights;
  private final KeyedHasher hasher;
  private final Clock clock;
  private final PassGenerator generator = new PassGenerator();
  private final Counter issued;
  private final Counter deleted;
  private final Counter consumed;
  /** Whose groups are read when a sign-in names no user, so that it costs what one naming a user costs. */
  private final User standIn = new User(UUID.randomUUID().toString(), "stand-in@invalid", "stand-in", null,
      User.MEMBER, true, false, null, Instant.EPOCH);

  PassService(PassRepository passes, TapPolicyService policies, UserService users, AuditLog audit, AdminRights rights,
      KeyedHasher hasher, Clock clock, MeterRegistry meters) {
    this.passes = passes;
    this.policies = policies;
    this.users = users;
    this.audit = audit;
    this.rights = rights;
    this.hasher = hasher;
    this.clock = clock;
    this.issued = Counter.builder("latchkey.passes.issued").description("Temporary Access Passes issued")
        .register(meters);
    this.deleted = Counter.builder("latchkey.passes.deleted").description("Temporary Access Passes deleted")
        .register(meters);
    this.consumed = Counter.builder("latchkey.passes.consumed")
        .description("One-time Temporary Access Passes used up by a sign-in").register(meters);
  }

  /** A pass just issued, with the only copy of its secret. */
  public record NewPass(IssuedPass pass, String secret, UsabilityReason usability) {}

  /** A stored pass with its usability now. */
  public record PassView(IssuedPass pass, UsabilityReason usability) {}

  @Transactional
  public NewPass issue(User user, PassRequest request) {
    Caller caller = Caller.current();
    if (caller.isUser() && caller.id().equals(user.id())) {
      throw GraphException.accessDenied("You can't issue a Temporary Access Pass to yourself; ask another "
          + "administrator.");
    }
    if (user.isGuest()) {
      throw GraphException.accessDenied("A Temporary Access Pass can't be issued to the guest user '"
          + user.userPrincipalName() + "'.");
    }
    rights.require(AdminAction.MANAGE_METHODS, user.id());
    TapPolicy policy = policies.current();
    Instant now = now();
    PassTerms terms = PassTerms.resolve(request, policy, now);
    String secret = generator.generate(policy.defaultLength());
    IssuedPass pass = new IssuedPass(Ids.newId(), user.id(), now, terms, null);
    passes.deleteSpent(user.id(), now);
    try {
      passes.insert(pass, hasher.hash(secret));
    } catch (DuplicateKeyException e) {
      throw GraphException.conflict("User '" + user.userPrincipalName() + "' already has a Temporary Access Pass "
          + "that is not used up or expired. Delete it (DELETE .../temporaryAccessPassMethods/{id}) before "
          + "creating a new one.");
    }
    audit.record(new AuditEvent("UserManagement", "Admin registered security info", "Add",
        "Admin registered temporary access pass method for user", "Authentication Methods",
        List.of(target(user, pass))));
    issued.increment();
    return new NewPass(pass, secret, pass.usability(policy, users.member(user, policy.targeting()), now));
  }

  /**
   * What a sign-in needs to check a typed pass: the pass, the keyed hash of its secret, and whether it is
   * usable now.
   */
  public record PassCredential(IssuedPass pass, KeyedHash hash, UsabilityReason usability) {}

  /** A person found by their sign-in name, with their pass if they have one. */
  public record Holder(User user, Optional<PassCredential> credential) {}

  /**
   * The user named {@code userPrincipalName} (in any case) with their pass and its hash, read in one query.
   * It reads the policy (and the groups when the policy targets groups: of a stand-in when there is no such
   * user) whether or not the user or the pass exists, so that a sign-in costs the same work either way.
   */
  public Optional<Holder> holderOf(String userPrincipalName) {
    Optional<PassRepository.UserWithPass> found = passes.findUserWithPass(userPrincipalName);
    TapPolicy policy = policies.current();
    DirectoryMember member = users.member(found.map(PassRepository.UserWithPass::user).orElse(standIn),
        policy.targeting());
    Instant now = now();
    return found.map(row -> new Holder(row.user(), row.pass().map(stored -> new PassCredential(stored.pass(),
        stored.hash(), stored.pass().usability(policy, member, now)))));
  }

  /**
   * Uses up a one-time pass, deciding concurrent sign-ins by the row count of one conditional update.
   * Must join the transaction that records the sign-in.
   *
   * @return false when another sign-in used it first (or it was deleted)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean consume(IssuedPass pass) {
    boolean won = passes.consume(pass.id(), now());
    if (won) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          consumed.increment();
        }
      });
    }
    return won;
  }

  /** Whether the pass still exists; sessions obtained with a deleted pass end. */
  public boolean exists(String passId) {
    return passes.exists(passId);
  }

  /** The user's pass, if they have one. */
  public Optional<PassView> find(User user) {
    return passes.findByUser(user.id()).map(pass -> view(user, pass));
  }

  /** The user's pass with this id; 404 when it isn't theirs or doesn't exist. */
  public PassView get(User user, String passId) {
    String id = Ids.requireGuid(passId, "temporaryAccessPassMethod id");
    return passes.findByUser(user.id()).filter(pass -> pass.id().equals(id)).map(pass -> view(user, pass))
        .orElseThrow(() -> notFound(user, passId));
  }

  @Transactional
  public void delete(User user, String passId) {
    rights.require(AdminAction.MANAGE_METHODS, user.id());
    String id = Ids.requireGuid(passId, "temporaryAccessPassMethod id");
    IssuedPass pass = passes.findByUser(user.id()).filter(p -> p.id().equals(id))
        .orElseThrow(() -> notFound(user, passId));
    if (!passes.delete(user.id(), id)) {
      throw notFound(user, passId);
    }
    Caller caller = Caller.current();
    boolean ownPass = caller.isUser() && caller.id().equals(user.id());
    audit.record(new AuditEvent("UserManagement", ownPass ? "User deleted security info" : "Admin deleted security info",
        "Delete", ownPass ? "User deleted temporary access pass method" : "Admin deleted temporary access pass method for user",
        "Authentication Methods", List.of(target(user, pass))));
    deleted.increment();
  }

  private PassView view(User user, IssuedPass pass) {
    TapPolicy policy = policies.current();
    return new PassView(pass, pass.usability(policy, users.member(user, policy.targeting()), now()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static GraphException notFound(User user, String passId) {
    return GraphException.notFound("User '" + user.userPrincipalName() + "' has no Temporary Access Pass with id '"
        + passId + "'.");
  }

  private static AuditEvent.TargetResource target(User user, IssuedPass pass) {
    return new AuditEvent.TargetResource(user.id(), user.displayName(), "User", user.userPrincipalName(), List.of(
        ModifiedProperty.added("TemporaryAccessPass.Id", pass.id()),
        ModifiedProperty.added("TemporaryAccessPass.StartDateTime", GraphTime.format(pass.terms().start())),
        ModifiedProperty.added("TemporaryAccessPass.EndDateTime", GraphTime.format(pass.terms().end())),
        ModifiedProperty.added("TemporaryAccessPass.AccessPassUsage", pass.terms().usableOnce() ? "Once" : "Multiple")));
  }
}
