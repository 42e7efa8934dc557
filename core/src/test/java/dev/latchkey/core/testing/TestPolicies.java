package dev.latchkey.core.testing;

import dev.latchkey.core.policy.MethodState;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.core.policy.Targeting;

/** Builds TAP policies that differ from the fresh-install defaults only where a test says so. */
public final class TestPolicies {

  private TestPolicies() {
  }

  /** A builder that starts from the defaults: enabled for all users, 60/60/480 minutes, 8 characters. */
  public static TapPolicyBuilder tapPolicy() {
    return new TapPolicyBuilder();
  }

  public static final class TapPolicyBuilder {

    private MethodState state = MethodState.ENABLED;
    private int defaultLifetime = 60;
    private int minimumLifetime = 60;
    private int maximumLifetime = 480;
    private int length = 8;
    private boolean usableOnce;
    private Targeting targeting = Targeting.everyone();

    private TapPolicyBuilder() {
    }

    public TapPolicyBuilder disabled() {
      state = MethodState.DISABLED;
      return this;
    }

    public TapPolicyBuilder lifetimes(int minimum, int defaultLifetime, int maximum) {
      this.minimumLifetime = minimum;
      this.defaultLifetime = defaultLifetime;
      this.maximumLifetime = maximum;
      return this;
    }

    public TapPolicyBuilder length(int length) {
      this.length = length;
      return this;
    }

    public TapPolicyBuilder usableOnce() {
      usableOnce = true;
      return this;
    }

    public TapPolicyBuilder targeting(Targeting targeting) {
      this.targeting = targeting;
      return this;
    }

    public TapPolicy build() {
      return new TapPolicy(state, defaultLifetime, minimumLifetime, maximumLifetime, length, usableOnce,
          targeting);
    }
  }
}
