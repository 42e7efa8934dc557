package dev.latchkey.server.security;

import java.util.List;

/** The Graph application permissions Latchkey grants and checks, named as in Microsoft Graph. */
public final class Permissions {

  public static final String USER_READ_ALL = "User.Read.All";
  public static final String USER_READWRITE_ALL = "User.ReadWrite.All";
  public static final String GROUP_READ_ALL = "Group.Read.All";
  public static final String GROUP_READWRITE_ALL = "Group.ReadWrite.All";
  public static final String METHODS_READ_ALL = "UserAuthenticationMethod.Read.All";
  public static final String METHODS_READWRITE_ALL = "UserAuthenticationMethod.ReadWrite.All";
  public static final String POLICY_READ = "Policy.Read.AuthenticationMethod";
  public static final String POLICY_READWRITE = "Policy.ReadWrite.AuthenticationMethod";
  public static final String AUDIT_READ_ALL = "AuditLog.Read.All";
  public static final String APPLICATION_READ_ALL = "Application.Read.All";
  public static final String APPLICATION_READWRITE_ALL = "Application.ReadWrite.All";
  public static final String ROLES_READ = "RoleManagement.Read.Directory";
  public static final String ROLES_READWRITE = "RoleManagement.ReadWrite.Directory";

  /** Every permission; the bootstrap client holds all of them. */
  public static final List<String> ALL = List.of(USER_READ_ALL, USER_READWRITE_ALL, GROUP_READ_ALL,
      GROUP_READWRITE_ALL, METHODS_READ_ALL, METHODS_READWRITE_ALL, POLICY_READ, POLICY_READWRITE,
      AUDIT_READ_ALL, APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, ROLES_READ, ROLES_READWRITE);

  private Permissions() {}
}
