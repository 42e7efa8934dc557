package dev.latchkey.server.directory;

import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditEvent.ModifiedProperty;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.Ids;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups and their members; every change is audited in its own transaction. */
@Service
public class GroupService {

  private final GroupRepository groups;
  private final UserService users;
  private final AuditLog audit;
  private final AdminRights rights;
  private final Clock clock;

  GroupService(GroupRepository groups, UserService users, AuditLog audit, AdminRights rights, Clock clock) {
    this.groups = groups;
    this.users = users;
    this.audit = audit;
    this.rights = rights;
    this.clock = clock;
  }

  @Transactional
  public Group create(String displayName, String description, String mailNickname, boolean securityEnabled,
      boolean mailEnabled) {
    rights.require(AdminAction.MANAGE_GROUPS, null);
    if (displayName == null || displayName.isBlank() || displayName.length() > 256) {
      throw GraphException.badRequest("displayName is required and must be 1 to 256 characters.");
    }
    Group group = new Group(Ids.newId(), displayName, description, mailNickname, securityEnabled, mailEnabled,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    groups.insert(group);
    audit.record(groupEvent("Add group", "Add", group, List.of(
        new ModifiedProperty("DisplayName", null, UserService.json(displayName)))));
    return group;
  }

  public Group get(String id) {
    return groups.find(Ids.requireGuid(id, "group id")).orElseThrow(() -> notFound(id));
  }

  public List<Group> find(List<FilterClause> filter, String after, int limit) {
    return groups.find(filter, after, limit);
  }

  @Transactional
  public void delete(String id) {
    rights.require(AdminAction.MANAGE_GROUPS, null);
    Group group = get(id);
    groups.delete(group.id());
    audit.record(groupEvent("Delete group", "Delete", group, List.of()));
  }

  public List<User> members(String groupId, String afterUserId, int limit) {
    Group group = get(groupId);
    return users.membersOf(group.id(), afterUserId, limit);
  }

  @Transactional
  public void addMember(String groupId, String userRef) {
    rights.require(AdminAction.MANAGE_GROUPS, null);
    Group group = get(groupId);
    User user = users.get(userRef);
    if (groups.isMember(group.id(), user.id())) {
      throw GraphException.conflict("User '" + user.userPrincipalName() + "' is already a member of group '"
          + group.displayName() + "'.");
    }
    try {
      groups.addMember(group.id(), user.id());
    } catch (DataIntegrityViolationException raced) {
      throw GraphException.conflict("User '" + user.userPrincipalName() + "' is already a member of group '"
          + group.displayName() + "'.");
    }
    audit.record(memberEvent("Add member to group", "Assign", group, user));
  }

  @Transactional
  public void removeMember(String groupId, String userId) {
    rights.require(AdminAction.MANAGE_GROUPS, null);
    Group group = get(groupId);
    User user = users.get(userId);
    if (!groups.removeMember(group.id(), user.id())) {
      throw GraphException.notFound("User '" + userId + "' is not a member of group '" + group.displayName() + "'.");
    }
    audit.record(memberEvent("Remove member from group", "Unassign", group, user));
  }

  private static GraphException notFound(String id) {
    return GraphException.notFound("Group '" + id + "' does not exist.");
  }

  private static AuditEvent groupEvent(String activity, String operation, Group group, List<ModifiedProperty> modified) {
    return new AuditEvent("GroupManagement", activity, operation, "", "Core Directory", List.of(
        new AuditEvent.TargetResource(group.id(), group.displayName(), "Group", null, modified)));
  }

  private static AuditEvent memberEvent(String activity, String operation, Group group, User user) {
    return new AuditEvent("GroupManagement", activity, operation, "", "Core Directory", List.of(
        new AuditEvent.TargetResource(group.id(), group.displayName(), "Group", null, List.of()),
        new AuditEvent.TargetResource(user.id(), user.displayName(), "User", user.userPrincipalName(), List.of())));
  }
}
