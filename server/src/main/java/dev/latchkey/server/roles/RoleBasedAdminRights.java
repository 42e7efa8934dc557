package dev.latchkey.server.roles;

import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.security.Caller;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Admin rights from the directory roles, read from the database on every check so that a removed role
 * takes effect on the next request. People may always read and delete their own sign-in methods (issuing
 * a pass to oneself is refused by the pass service itself).
 */
@Component
class RoleBasedAdminRights implements AdminRights {

  private static final Set<AdminAction> SELF_SERVICE = Set.of(AdminAction.READ_METHODS, AdminAction.MANAGE_METHODS);

  private final RoleAssignmentRepository assignments;

  RoleBasedAdminRights(RoleAssignmentRepository assignments) {
    this.assignments = assignments;
  }

  @Override
  public boolean allows(AdminAction action, String targetUserId) {
    Caller caller = Caller.current();
    if (!caller.isUser()) {
      return true;
    }
    if (SELF_SERVICE.contains(action) && caller.id().equalsIgnoreCase(targetUserId)) {
      return true;
    }
    Set<DirectoryRole> targetRoles = targetRoles(targetUserId);
    return assignments.rolesOf(caller.id()).stream().anyMatch(role -> role.allows(action, targetRoles));
  }

  @Override
  public void require(AdminAction action, String targetUserId) {
    if (allows(action, targetUserId)) {
      return;
    }
    Set<DirectoryRole> targetRoles = targetRoles(targetUserId);
    List<String> enough = Arrays.stream(DirectoryRole.values()).filter(role -> role.allows(action, targetRoles))
        .map(DirectoryRole::displayName).toList();
    String message = "To " + action.description() + " you need the " + String.join(" or ", enough) + " role.";
    if (targetRoles.isEmpty()) {
      throw GraphException.accessDenied(message);
    }
    throw GraphException.accessDenied(message + " The user holds an admin role ("
        + String.join(", ", targetRoles.stream().map(DirectoryRole::displayName).toList()) + ").");
  }

  private Set<DirectoryRole> targetRoles(String targetUserId) {
    return targetUserId == null ? Set.of() : assignments.rolesOf(targetUserId);
  }
}
