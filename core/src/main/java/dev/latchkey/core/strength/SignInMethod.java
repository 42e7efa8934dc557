package dev.latchkey.core.strength;

/** How a person proved who they are when their session began. */
public enum SignInMethod {
  /** A password alone: a single factor that can be phished. */
  PASSWORD,
  /** A Temporary Access Pass issued by an administrator. */
  TEMPORARY_ACCESS_PASS,
  /** A passkey (FIDO2 security key or platform passkey), bound to the origin by the browser. */
  PASSKEY
}
