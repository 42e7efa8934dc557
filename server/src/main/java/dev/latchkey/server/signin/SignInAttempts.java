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

  /** Whether the method is locked for this account at {@code now}. */
  boolean locked(Method method, String accountKey, Instant now) {
    return throttle.lockedUntil(method.throttleKey(accountKey), now).isPresent();
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

  /** Resets the account's failures and logs the success; runs in the transaction that signs in. */
  void succeed(Method method, User user, String accountKey, PassSignIn.Client client, Instant now) {
    throttle.reset(method.throttleKey(accountKey));
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
