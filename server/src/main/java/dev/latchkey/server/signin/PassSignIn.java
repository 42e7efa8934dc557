package dev.latchkey.server.signin;

import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.tap.PassService;
import dev.latchkey.server.tap.PassService.PassCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs a person in with a Temporary Access Pass. Every failure looks the same to the caller and costs
 * the same work (an unknown user is checked against a decoy hash); the sign-in log records the true
 * reason. A one-time pass is used up by one conditional update in the transaction that records the
 * sign-in, so two concurrent sign-ins with it yield exactly one session.
 */
@Service
public class PassSignIn {

  /** The longest input checked; anything longer is refused before hashing. */
  static final int MAX_INPUT = 64;
  static final String METHOD = "Temporary Access Pass";
  private static final SignInAttempts.Method PASS = new SignInAttempts.Method(METHOD, "", SignInFailure.LOCKED,
      SignInFailure.LOCK_STARTED);

  private final PassService passes;
  private final KeyedHasher hasher;
  private final SignInAttempts attempts;
  private final SignInProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final KeyedHash decoy;

  PassSignIn(PassService passes, KeyedHasher hasher, SignInAttempts attempts,
      SignInProperties properties, TransactionTemplate transactions, Clock clock) {
    this.passes = passes;
    this.hasher = hasher;
    this.attempts = attempts;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock;
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.decoy = hasher.hash(Base64.getEncoder().encodeToString(random));
  }

  /** Where the attempt came from, for the sign-in log and the address limit. */
  public record Client(String address, String userAgent, String correlationId) {}

  /** How an attempt ended. */
  public sealed interface Outcome {
    /** Signed in; the session to store. */
    record SignedIn(PassSession session) implements Outcome {}
    /** Refused, for a reason the person is not told. */
    record Refused() implements Outcome {}
    /** Too many failures from this address; try again at {@code retryAt}. */
    record Throttled(Instant retryAt) implements Outcome {}
  }

  /**
   * Checks {@code typedPass} for {@code username}. Surrounding white space is ignored; the comparison is
   * exact and case-sensitive (passes contain no look-alike characters, so nothing is folded).
   */
  public Outcome signIn(String username, String typedPass, Client client) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String name = username == null ? "" : username.strip();
    String accountKey = name.toLowerCase(Locale.ROOT);
    Instant blocked = attempts.addressBlockedUntil(PASS, name, client, now);
    if (blocked != null) {
      return new Outcome.Throttled(blocked);
    }
    String pass = typedPass == null ? "" : typedPass.strip();
    Optional<PassService.Holder> holder = passes.holderOf(name);
    Optional<User> user = holder.map(PassService.Holder::user);
    if (pass.length() > MAX_INPUT) {
      return refuse(user.orElse(null), name, accountKey, SignInFailure.INPUT_TOO_LONG, client, now);
    }
    Optional<PassCredential> credential = holder.flatMap(PassService.Holder::credential);
    boolean matches = hasher.verify(pass, credential.map(PassCredential::hash).orElse(decoy));
    PassThrottle.Standing standing = attempts.standing(PASS, accountKey);

    SignInFailure failure = failure(user, credential, matches, standing.lockedAt(now));
    if (failure != null) {
      return refuse(user.orElse(null), name, accountKey, failure, client, now);
    }
    return complete(user.get(), credential.get(), accountKey, standing, client, now);
  }

  /**
   * Why the attempt fails, or null. The lock comes first, for unknown names too: failures are counted against
   * whatever name was typed, so a name nobody has locks as an account would, and a locked refusal (which
   * counts nothing more) costs the same work for both. Otherwise a locked account answered faster than an
   * unknown name that went on being counted, and the timing told which names exist.
   */
  private static SignInFailure failure(Optional<User> user, Optional<PassCredential> credential, boolean matches,
      boolean locked) {
    if (locked) {
      return SignInFailure.LOCKED;
    }
    if (user.isEmpty()) {
      return SignInFailure.UNKNOWN_USER;
    }
    if (!user.get().accountEnabled()) {
      return SignInFailure.ACCOUNT_DISABLED;
    }
    if (credential.isEmpty()) {
      return SignInFailure.NO_PASS;
    }
    if (!matches) {
      return SignInFailure.WRONG_PASS;
    }
    return switch (credential.get().usability()) {
      case ENABLED_BY_POLICY -> null;
      case NOT_YET_VALID -> SignInFailure.PASS_NOT_YET_VALID;
      case EXPIRED -> SignInFailure.PASS_EXPIRED;
      case ONE_TIME_USED -> SignInFailure.PASS_USED;
      case DISABLED_BY_POLICY -> SignInFailure.PASS_DISABLED_BY_POLICY;
    };
  }

  private Outcome complete(User user, PassCredential credential, String accountKey, PassThrottle.Standing standing,
      Client client, Instant now) {
    boolean signedIn = Boolean.TRUE.equals(transactions.execute(status -> {
      if (credential.pass().terms().usableOnce() && !passes.consume(credential.pass())) {
        status.setRollbackOnly();
        return false;
      }
      attempts.succeed(PASS, user, accountKey, standing, client, now);
      return true;
    }));
    if (!signedIn) {
      return refuse(user, user.userPrincipalName(), accountKey, SignInFailure.PASS_USED, client, now);
    }
    Instant expiresAt = credential.pass().terms().end();
    Instant registrationUntil = credential.pass().terms().usableOnce()
        ? min(now.plus(properties.registrationWindow()), expiresAt)
        : expiresAt;
    return new Outcome.SignedIn(new PassSession(user.id(), user.userPrincipalName(), user.displayName(),
        credential.pass().id(), credential.pass().terms().usableOnce(), now, expiresAt, registrationUntil));
  }

  private Outcome refuse(User user, String name, String accountKey, SignInFailure failure, Client client,
      Instant now) {
    attempts.refuse(PASS, user, name, accountKey, failure, client, now);
    return new Outcome.Refused();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
