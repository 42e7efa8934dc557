package dev.latchkey.core;

/** A policy value outside its allowed range, or a combination of values that can't hold together. */
public final class InvalidPolicyException extends RuleViolation {

  public InvalidPolicyException(String message) {
    super(message);
  }
}
