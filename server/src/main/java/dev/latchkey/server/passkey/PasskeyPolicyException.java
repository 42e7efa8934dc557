package dev.latchkey.server.passkey;

/** A passkey ceremony the FIDO2 policy does not allow; the message says why, for the person. */
public final class PasskeyPolicyException extends RuntimeException {

  public PasskeyPolicyException(String message) {
    super(message, null, false, false);
  }
}
