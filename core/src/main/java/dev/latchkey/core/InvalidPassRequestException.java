package dev.latchkey.core;

/** A request for a pass that the policy does not allow, such as a lifetime outside its range. */
public final class InvalidPassRequestException extends RuleViolation {

  public InvalidPassRequestException(String message) {
    super(message);
  }
}
