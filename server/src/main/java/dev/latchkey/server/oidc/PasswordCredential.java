package dev.latchkey.server.oidc;

import java.time.Instant;

/**
 * A client secret as Graph shows it ({@code passwordCredential}). {@code secretText} is set only in the
 * response that creates it.
 */
public record PasswordCredential(String keyId, String displayName, String hint, Instant startAt, Instant endAt,
    String secretText) {

  static PasswordCredential of(ApplicationPassword password) {
    return new PasswordCredential(password.keyId(), password.displayName(), password.hint(), password.startAt(),
        password.endAt(), null);
  }

  PasswordCredential withSecret(String secret) {
    return new PasswordCredential(keyId, displayName, hint, startAt, endAt, secret);
  }

  @Override
  public String toString() {
    return "PasswordCredential[keyId=" + keyId + ", hint=" + hint + "]";
  }
}
