package dev.latchkey.core.testing;

import dev.latchkey.core.pass.IssuedPass;
import dev.latchkey.core.pass.PassTerms;
import java.time.Instant;

/**
 * Builds issued passes: by default Alice's multi-use pass of 60 minutes, created and started at
 * {@link TestTime#NOW}.
 */
public final class TestPasses {

  public static final String PASS_ID = "9b2f4c61-d8a3-4e07-bc15-3a7e6f0d1c94";

  private TestPasses() {
  }

  public static PassBuilder pass() {
    return new PassBuilder();
  }

  public static final class PassBuilder {

    private Instant start = TestTime.NOW;
    private int lifetimeInMinutes = 60;
    private boolean usableOnce;
    private Instant consumedAt;

    private PassBuilder() {
    }

    public PassBuilder startingAt(Instant start) {
      this.start = start;
      return this;
    }

    public PassBuilder lifetimeInMinutes(int minutes) {
      this.lifetimeInMinutes = minutes;
      return this;
    }

    public PassBuilder usableOnce() {
      usableOnce = true;
      return this;
    }

    /** Marks the pass as a one-time pass that a sign-in used up at {@code when}. */
    public PassBuilder consumedAt(Instant when) {
      usableOnce = true;
      consumedAt = when;
      return this;
    }

    public IssuedPass build() {
      return new IssuedPass(PASS_ID, TestMembers.ALICE_ID, TestTime.NOW,
          new PassTerms(start, lifetimeInMinutes, usableOnce), consumedAt);
    }
  }
}
