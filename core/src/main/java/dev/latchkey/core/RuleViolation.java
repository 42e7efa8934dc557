package dev.latchkey.core;

/**
 * A request that breaks one of Latchkey's rules. The message is written for the person who sent the
 * request and says what to change; the edge that received the request maps the subtype to its own error
 * code once (the Graph layer answers 400 {@code badRequest} for both).
 */
public abstract sealed class RuleViolation extends RuntimeException
    permits InvalidPolicyException, InvalidPassRequestException {

  protected RuleViolation(String message) {
    super(message, null, false, false);
  }
}
