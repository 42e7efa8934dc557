package dev.latchkey.server.signin;

import dev.latchkey.server.audit.SignInLog;
import dev.latchkey.server.audit.SignInRecord;
import dev.latchkey.server.directory.User;
import java.time.Instant;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What every typed-secret sign-in (pass, password) does with an attempt besides checking it: the
 * per-address limit, the per-account lock of that method, and the sign-in log with the true reason.
 */
@Component
class SignInAttempts {

  private final PassThrottle throttle;
  private final AddressLimiter addresses;
  private final SignInLog log;
  private final Counter expiredPasses;
  private final Counter lockedPasses;

  SignInAttempts(PassThrottle throttle, AddressLimiter addresses, SignInLog log, MeterRegistry meters) {
    this.throttle = throttle;
    this.addresses = addresses;
    this.log = log;
    this.expiredPasses = Counter.builder("latchkey.passes.expired")
        .description("Sign-in attempts that found the pass expired").register(meters);
    this.lockedPasses = Counter.builder("latchkey.passes.locked")
        .description("Pass sign-in locks started on an account after repeated failures").register(meters);
  }

  /**
   * One way of signing in: its name in the sign-in log, and the failures it logs when its account lock
   * holds or starts.
   *
   * @param throttlePrefix prefixed to the account key, so that each method locks on its own
   */
  record Method(String name, String throttlePrefix, SignInFailure locked, SignInFailure lockStarted) {

    String throttleKey(String accountKey) {
      return throttlePrefix + accountKey;
    }
  }

  /** Until when this address is refused, after logging the refusal; null when it may try. */
  Instant addressBlockedUntil(Method method, String name, PassSignIn.Client client, Instant now) {
    Instant blocked = addresses.blockedUntil(client.address(), now);
    if (blocked != null) {
      logFailure(method, null, name, SignInFailure.ADDRESS_THROTTLED, client, now);
    }
    return blocked;
  }

  /** The account's counted failures for this method: whether any are counted, and whether it is locked. */
  PassThrottle.Standing standing(Method method, String accountKey) {
    return throttle.standing(method.throttleKey(accountKey));
  }

  /**
   * Counts a failure against the address and, unless the account was already locked or the input
   * never got checked, against the account; logs it, and the lock it starts.
   */
  void refuse(Method method, User user, String name, String accountKey, SignInFailure failure,
      PassSignIn.Client client, Instant now) {
    addresses.recordFailure(client.address(), now);
    logFailure(method, user, name, failure, client, now);
    if (failure == SignInFailure.PASS_EXPIRED) {
      expiredPasses.increment();
    }
    if (failure != method.locked() && failure != SignInFailure.INPUT_TOO_LONG) {
      throttle.recordFailure(method.throttleKey(accountKey), now).ifPresent(until -> {
        if (method.lockStarted() == SignInFailure.LOCK_STARTED) {
          lockedPasses.increment();
        }
        logFailure(method, user, name, method.lockStarted(), client, now);
      });
    }
  }

  /**
   * Resets the account's failures, when the attempt found any counted, and logs the success; runs in the
   * transaction that signs in. A failure counted by a concurrent attempt after this one read the count stays
   * counted: it happened, and resetting it would need a write on every sign-in.
   */
  void succeed(Method method, User user, String accountKey, PassThrottle.Standing standing, PassSignIn.Client client,
      Instant now) {
    if (standing.counted()) {
      throttle.reset(method.throttleKey(accountKey));
    }
    log.recordSuccess(record(method, user, user.userPrincipalName(), true, 0, null, client, now));
  }

  private void logFailure(Method method, User user, String name, SignInFailure failure, PassSignIn.Client client,
      Instant now) {
    log.recordFailure(record(method, user, name, false, failure.errorCode(), failure.reason(), client, now));
  }

  private static SignInRecord record(Method method, User user, String name, boolean succeeded, int errorCode,
      String reason, PassSignIn.Client client, Instant now) {
    return new SignInRecord(UUID.randomUUID().toString(), now, user == null ? null : user.id(),
        user == null ? name : user.userPrincipalName(), user == null ? null : user.displayName(), method.name(),
        succeeded, errorCode, reason, client.address(), client.userAgent(), client.correlationId());
  }
}
