package dev.latchkey.server.security;

/** The claim names Latchkey's access tokens carry, as Entra ID names them. */
public final class TokenClaims {

  /** {@code app} or {@code user}. */
  public static final String IDENTITY_TYPE = "idtyp";
  /** Application permissions granted to the calling app. */
  public static final String ROLES = "roles";
  /** Delegated permissions of a signed-in user, space-separated. */
  public static final String SCOPES = "scp";
  public static final String OBJECT_ID = "oid";
  public static final String UPN = "upn";
  public static final String APP_ID = "appid";
  public static final String APP_DISPLAY_NAME = "app_displayname";

  private TokenClaims() {}
}
