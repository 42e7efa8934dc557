package dev.latchkey.server.roles;

import static dev.latchkey.server.security.AdminAction.EDIT_POLICY;
import static dev.latchkey.server.security.AdminAction.MANAGE_GROUPS;
import static dev.latchkey.server.security.AdminAction.MANAGE_METHODS;
import static dev.latchkey.server.security.AdminAction.MANAGE_USERS;
import static dev.latchkey.server.security.AdminAction.READ_AUDIT;
import static dev.latchkey.server.security.AdminAction.READ_METHODS;
import static dev.latchkey.server.security.AdminAction.READ_POLICY;

import dev.latchkey.server.security.AdminAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in directory roles, with Entra's template ids as their ids. A role allows a set of admin
 * actions; two of them stop short of other admins, as in Entra: an Authentication Administrator manages
 * the methods of users who hold no admin role, and a User Administrator changes users who hold no admin
 * role other than User Administrator.
 */
public enum DirectoryRole {

  GLOBAL_ADMINISTRATOR("62e90394-69f5-4237-9190-012177145e10", "Global Administrator",
      "Can manage all aspects of Latchkey: users, groups, sign-in methods, the methods policy, the logs and "
          + "admin roles.",
      List.of("microsoft.directory/allEntities/allProperties/allTasks"),
      EnumSet.allOf(AdminAction.class)),
  PRIVILEGED_AUTHENTICATION_ADMINISTRATOR("7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
      "Privileged Authentication Administrator",
      "Can issue and delete sign-in methods, Temporary Access Passes included, of any user, admins included.",
      List.of("microsoft.directory/users/authenticationMethods/create",
          "microsoft.directory/users/authenticationMethods/delete",
          "microsoft.directory/users/authenticationMethods/standard/read",
          "microsoft.directory/auditLogs/allProperties/read"),
      EnumSet.of(READ_METHODS, MANAGE_METHODS, READ_POLICY, READ_AUDIT)),
  AUTHENTICATION_ADMINISTRATOR("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator",
      "Can issue and delete sign-in methods, Temporary Access Passes included, of users who hold no admin role.",
      List.of("microsoft.directory/users/authenticationMethods/create",
          "microsoft.directory/users/authenticationMethods/delete",
          "microsoft.directory/users/authenticationMethods/standard/read",
          "microsoft.directory/auditLogs/allProperties/read"),
      EnumSet.of(READ_METHODS, MANAGE_METHODS, READ_POLICY, READ_AUDIT)),
  AUTHENTICATION_POLICY_ADMINISTRATOR("0526716b-113d-4c15-b2c8-68e3c22b9f80",
      "Authentication Policy Administrator",
      "Can change the authentication methods policy: the Temporary Access Pass and passkey (FIDO2) settings.",
      List.of("microsoft.directory/authenticationMethodPolicies/standard/read",
          "microsoft.directory/authenticationMethodPolicies/basic/update",
          "microsoft.directory/auditLogs/allProperties/read"),
      EnumSet.of(READ_POLICY, EDIT_POLICY, READ_AUDIT)),
  USER_ADMINISTRATOR("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator",
      "Can create, change and delete users who hold no admin role other than User Administrator, and manage "
          + "groups and their members.",
      List.of("microsoft.directory/users/create", "microsoft.directory/users/delete",
          "microsoft.directory/users/basic/update", "microsoft.directory/groups/create",
          "microsoft.directory/groups/delete", "microsoft.directory/groups/members/update",
          "microsoft.directory/auditLogs/allProperties/read"),
      EnumSet.of(MANAGE_USERS, MANAGE_GROUPS, READ_AUDIT));

  private final String id;
  private final String displayName;
  private final String description;
  private final List<String> resourceActions;
  private final Set<AdminAction> actions;

  DirectoryRole(String id, String displayName, String description, List<String> resourceActions,
      Set<AdminAction> actions) {
    this.id = id;
    this.displayName = displayName;
    this.description = description;
    this.resourceActions = resourceActions;
    this.actions = actions;
  }

  /** The role with this id (its Entra template id, any case), if it is one. */
  public static Optional<DirectoryRole> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return EnumSet.allOf(DirectoryRole.class).stream().filter(role -> role.id.equals(wanted)).findFirst();
  }

  /**
   * Whether this role allows {@code action} on a user holding {@code targetRoles}.
   *
   * @param targetRoles the target user's roles; empty for a user without any, or when there is no target
   */
  public boolean allows(AdminAction action, Set<DirectoryRole> targetRoles) {
    if (!actions.contains(action)) {
      return false;
    }
    return switch (this) {
      case AUTHENTICATION_ADMINISTRATOR -> action != MANAGE_METHODS || targetRoles.isEmpty();
      case USER_ADMINISTRATOR -> action != MANAGE_USERS || Set.of(USER_ADMINISTRATOR).containsAll(targetRoles);
      default -> true;
    };
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public String description() {
    return description;
  }

  /** Entra's names for what the role may do, for the Graph {@code rolePermissions}. */
  public List<String> resourceActions() {
    return resourceActions;
  }
}
