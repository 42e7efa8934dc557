package dev.latchkey.server.securityinfo;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Changing sign-in methods needs a sign-in from the last few minutes. */
@ResponseStatus(value = HttpStatus.FORBIDDEN, reason = "Sign in again to change your sign-in methods.")
final class RecentSignInRequiredException extends RuntimeException {

  RecentSignInRequiredException() {
    super("Sign in again to change your sign-in methods.", null, false, false);
  }
}
