package dev.latchkey.server.roles;

import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditEvent.ModifiedProperty;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.Ids;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assigns and removes directory roles; every change is audited. */
@Service
public class RoleService {

  private final RoleAssignmentRepository assignments;
  private final UserService users;
  private final AdminRights rights;
  private final AuditLog audit;
  private final Clock clock;

  RoleService(RoleAssignmentRepository assignments, UserService users, AdminRights rights, AuditLog audit,
      Clock clock) {
    this.assignments = assignments;
    this.users = users;
    this.rights = rights;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The role with this id.
   *
   * @throws GraphException 404 when no built-in role has it
   */
  public DirectoryRole definition(String id) {
    return DirectoryRole.byId(id).orElseThrow(() -> GraphException.notFound("No role definition has id '" + id
        + "'; GET /roleManagement/directory/roleDefinitions lists them."));
  }

  /**
   * Gives the user a role, directory-wide.
   *
   * @throws GraphException 400 for an unknown role or a scope other than {@code /}; 404 for an unknown user;
   *     409 when the user already holds the role; 403 unless the caller may manage roles
   */
  @Transactional
  public RoleAssignment assign(String roleDefinitionId, String principalId, String directoryScopeId) {
    rights.require(AdminAction.MANAGE_ROLES, null);
    DirectoryRole role = DirectoryRole.byId(roleDefinitionId).orElseThrow(() -> GraphException.badRequest(
        "roleDefinitionId '" + roleDefinitionId + "' is not a role; GET /roleManagement/directory/roleDefinitions "
            + "lists them."));
    if (directoryScopeId != null && !RoleAssignment.DIRECTORY_SCOPE.equals(directoryScopeId)) {
      throw GraphException.badRequest("directoryScopeId must be '/': Latchkey assigns roles to the whole directory.");
    }
    User user = users.get(Ids.requireGuid(principalId, "principalId"));
    RoleAssignment assignment = new RoleAssignment(Ids.newId(), role, user.id(),
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    try {
      assignments.insert(assignment);
    } catch (DuplicateKeyException e) {
      throw GraphException.conflict("User '" + user.userPrincipalName() + "' already holds the role '"
          + role.displayName() + "'.");
    }
    audit.record(roleEvent("Add member to role", "Assign", user, role));
    return assignment;
  }

  /** Assignments matching every clause, ordered by id, after {@code afterId} (null for the start). */
  public List<RoleAssignment> assignments(List<FilterClause> filter, String afterId, int limit) {
    return assignments.find(filter, afterId, limit);
  }

  /**
   * The assignment with this id.
   *
   * @throws GraphException 404 when there is none
   */
  public RoleAssignment assignment(String id) {
    return assignments.find(Ids.requireGuid(id, "roleAssignment id")).orElseThrow(() -> notFound(id));
  }

  /**
   * Takes a role away; the holder's next request already goes without it.
   *
   * @throws GraphException 404 when there is no such assignment; 403 unless the caller may manage roles
   */
  @Transactional
  public void remove(String id) {
    rights.require(AdminAction.MANAGE_ROLES, null);
    RoleAssignment assignment = assignment(id);
    if (!assignments.delete(assignment.id())) {
      throw notFound(id);
    }
    User user = users.get(assignment.principalId());
    audit.record(roleEvent("Remove member from role", "Unassign", user, assignment.role()));
  }

  /** The roles the user holds now; empty for none. */
  public Set<DirectoryRole> rolesOf(String userId) {
    return assignments.rolesOf(userId);
  }

  private static GraphException notFound(String id) {
    return GraphException.notFound("No role assignment has id '" + id + "'.");
  }

  private static AuditEvent roleEvent(String activity, String operation, User user, DirectoryRole role) {
    return new AuditEvent("RoleManagement", activity, operation, "", "Core Directory", List.of(
        new AuditEvent.TargetResource(user.id(), user.displayName(), "User", user.userPrincipalName(), List.of(
            ModifiedProperty.added("Role.DisplayName", role.displayName()),
            ModifiedProperty.added("Role.TemplateId", role.id())))));
  }
}
