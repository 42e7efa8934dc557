package dev.latchkey.core.pass;

import java.time.Instant;

/**
 * What an admin asked for when issuing a pass; every part may be left out (null).
 *
 * @param startDateTime when the pass becomes usable; null means at creation
 * @param lifetimeInMinutes how long it stays usable from its start; null means the policy's default
 * @param isUsableOnce whether its first sign-in consumes it; null means what the policy says
 */
public record PassRequest(Instant startDateTime, Integer lifetimeInMinutes, Boolean isUsableOnce) {

  /** A request that leaves everything to the policy. */
  public static PassRequest defaults() {
    return new PassRequest(null, null, null);
  }
}
