package dev.latchkey.server.signin;

import dev.latchkey.server.directory.PasswordPolicyService;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs a person in with a password, where they have one and the password policy covers them. Every
 * failure looks the same to the caller and costs one password-hash check (an unknown user or one without
 * a password is checked against a decoy); the sign-in log records the true reason. Failed passwords lock
 * password sign-in for the account like failed passes lock pass sign-in, each on its own count.
 */
@Service
class PasswordSignIn {

  /** The longest input checked; anything longer is refused before hashing. */
  static final int MAX_INPUT = 256;
  private static final SignInAttempts.Method PASSWORD = new SignInAttempts.Method(PasswordSession.METHOD,
      "password:", SignInFailure.PASSWORD_LOCKED, SignInFailure.PASSWORD_LOCK_STARTED);

  private final UserService users;
  private final PasswordPolicyService policy;
  private final SignInAttempts attempts;
  private final SignInProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;

  PasswordSignIn(UserService users, PasswordPolicyService policy, SignInAttempts attempts,
      SignInProperties properties, TransactionTemplate transactions, Clock clock) {
    this.users = users;
    this.policy = policy;
    this.attempts = attempts;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** How an attempt ended. */
  sealed interface Outcome {
    /** Signed in; the session to store. */
    record SignedIn(PasswordSession session) implements Outcome {}
    /** Refused, for a reason the person is not told. */
    record Refused() implements Outcome {}
    /** Too many failures from this address; try again at {@code retryAt}. */
    record Throttled(Instant retryAt) implements Outcome {}
  }

  /** Whether to offer this user a password prompt: they have a password and the policy lets them use it. */
  boolean offers(User user) {
    return user.hasPassword() && policy.permits(user);
  }

  /** Checks {@code password} for {@code username}, exactly as typed: passwords may begin or end with spaces. */
  Outcome signIn(String username, String password, PassSignIn.Client client) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String name = username == null ? "" : username.strip();
    String accountKey = name.toLowerCase(Locale.ROOT);
    Instant blocked = attempts.addressBlockedUntil(PASSWORD, name, client, now);
    if (blocked != null) {
      return new Outcome.Throttled(blocked);
    }
    String typed = password == null ? "" : password;
    Optional<User> user = users.findByUpn(name);
    if (typed.length() > MAX_INPUT) {
      return refuse(user.orElse(null), name, accountKey, SignInFailure.INPUT_TOO_LONG, client, now);
    }
    boolean matches = users.passwordMatches(user.orElse(null), typed);
    PassThrottle.Standing standing = attempts.standing(PASSWORD, accountKey);
    SignInFailure failure = failure(user, matches, standing.lockedAt(now));
    if (failure != null) {
      return refuse(user.orElse(null), name, accountKey, failure, client, now);
    }
    User signedIn = user.get();
    transactions.executeWithoutResult(status -> attempts.succeed(PASSWORD, signedIn, accountKey, standing, client,
        now));
    return new Outcome.SignedIn(new PasswordSession(signedIn.id(), signedIn.userPrincipalName(),
        signedIn.displayName(), signedIn.passwordSetAt(), now, now.plus(properties.passwordSessionLifetime())));
  }

  /** Why the attempt fails, or null; the lock first, for unknown names too, as {@link PassSignIn} explains. */
  private SignInFailure failure(Optional<User> user, boolean matches, boolean locked) {
    if (locked) {
      return SignInFailure.PASSWORD_LOCKED;
    }
    if (user.isEmpty()) {
      return SignInFailure.UNKNOWN_USER;
    }
    if (!user.get().accountEnabled()) {
      return SignInFailure.ACCOUNT_DISABLED;
    }
    if (!user.get().hasPassword()) {
      return SignInFailure.NO_PASSWORD;
    }
    if (!policy.permits(user.get())) {
      return SignInFailure.PASSWORD_DISABLED_BY_POLICY;
    }
    return matches ? null : SignInFailure.WRONG_PASSWORD;
  }

  private Outcome refuse(User user, String name, String accountKey, SignInFailure failure, PassSignIn.Client client,
      Instant now) {
    attempts.refuse(PASSWORD, user, name, accountKey, failure, client, now);
    return new Outcome.Refused();
  }
}
