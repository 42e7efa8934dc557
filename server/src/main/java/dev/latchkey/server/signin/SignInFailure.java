package dev.latchkey.server.signin;

/**
 * Why a sign-in was refused: the true reason, for the sign-in log only. The person always sees the same
 * message, so that the page can't be used to learn which accounts exist or have a pass or password.
 */
enum SignInFailure {
  UNKNOWN_USER(50034, "UserNotFound"),
  ACCOUNT_DISABLED(50057, "AccountDisabled"),
  LOCKED(50053, "PassSignInLocked"),
  NO_PASS(130500, "NoTemporaryAccessPass"),
  WRONG_PASS(50126, "WrongTemporaryAccessPass"),
  PASS_NOT_YET_VALID(130501, "TemporaryAccessPassNotYetValid"),
  PASS_EXPIRED(130502, "TemporaryAccessPassExpired"),
  PASS_USED(130503, "TemporaryAccessPassAlreadyUsed"),
  PASS_DISABLED_BY_POLICY(130504, "TemporaryAccessPassDisabledByPolicy"),
  INPUT_TOO_LONG(130505, "InputTooLong"),
  ADDRESS_THROTTLED(50196, "TooManyAttemptsFromAddress"),
  LOCK_STARTED(50053, "PassSignInLockedAfterRepeatedFailures"),
  PASSWORD_LOCKED(50053, "PasswordSignInLocked"),
  PASSWORD_LOCK_STARTED(50053, "PasswordSignInLockedAfterRepeatedFailures"),
  NO_PASSWORD(130510, "NoPassword"),
  PASSWORD_DISABLED_BY_POLICY(130511, "PasswordDisabledByPolicy"),
  WRONG_PASSWORD(50126, "WrongPassword");

  private final int errorCode;
  private final String reason;

  SignInFailure(int errorCode, String reason) {
    this.errorCode = errorCode;
    this.reason = reason;
  }

  int errorCode() {
    return errorCode;
  }

  String reason() {
    return reason;
  }
}
