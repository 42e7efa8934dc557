package dev.latchkey.server.directory;

import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditEvent.ModifiedProperty;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.Ids;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, finds, changes and deletes users; every change is audited in its own transaction. */
@Service
public class UserService {

  private static final Pattern UPN = Pattern.compile("[A-Za-z0-9._%+'!#$&*=?^`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final int MAX_UPN = 320;
  private static final int MIN_PASSWORD = 8;
  /** bcrypt reads no further than this; Spring's encoder refuses longer passwords. */
  private static final int MAX_PASSWORD_BYTES = 72;

  private final UserRepository users;
  private final AuditLog audit;
  private final AdminRights rights;
  private final Clock clock;
  private final PasswordPolicyService passwordPolicy;
  private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
  /** Checked instead when there is no password, so that a missing one costs what a wrong one does. */
  private final DecoyPasswordHash decoyPasswordHash = new DecoyPasswordHash(passwords);

  UserService(UserRepository users, AuditLog audit, AdminRights rights, Clock clock,
      PasswordPolicyService passwordPolicy) {
    this.users = users;
    this.audit = audit;
    this.rights = rights;
    this.clock = clock;
    this.passwordPolicy = passwordPolicy;
  }

  /**
   * What a new user is made of.
   *
   * @param password null for an account without a password
   */
  public record NewUser(String userPrincipalName, String displayName, String mailNickname, String userType,
      boolean accountEnabled, String password) {}

  /** What a PATCH changes; a null part stays as it is. */
  public record UserChanges(String userPrincipalName, String displayName, String mailNickname, String userType,
      Boolean accountEnabled, String password) {}

  @Transactional
  public User create(NewUser request) {
    rights.require(AdminAction.MANAGE_USERS, null);
    String upn = validUpn(request.userPrincipalName());
    String userType = validUserType(request.userType() == null ? User.MEMBER : request.userType());
    Instant now = now();
    String id = Ids.newId();
    if (request.password() != null && !passwordPolicy.permits(new DirectoryMember(id, Set.of()))) {
      throw passwordless(upn);
    }
    String passwordHash = request.password() == null ? null : hashPassword(request.password());
    User user = new User(id, upn, validDisplayName(request.displayName()), request.mailNickname(), userType,
        request.accountEnabled(), passwordHash != null, passwordHash == null ? null : now, now);
    try {
      users.insert(user, passwordHash);
    } catch (DuplicateKeyException e) {
      throw duplicateUpn(upn);
    }
    audit.record(userEvent("Add user", "Add", user, List.of(
        new ModifiedProperty("AccountEnabled", null, json(user.accountEnabled())),
        new ModifiedProperty("DisplayName", null, json(user.displayName())),
        new ModifiedProperty("UserPrincipalName", null, json(user.userPrincipalName())),
        new ModifiedProperty("UserType", null, json(user.userType())))));
    return user;
  }

  /**
   * The user addressed by an id or a userPrincipalName, as in {@code /users/{id|upn}}.
   *
   * @throws GraphException 400 when the reference is neither a GUID nor an address; 404 when nobody has it
   */
  public User get(String idOrUpn) {
    if (Ids.isGuid(idOrUpn)) {
      return users.findById(Ids.requireGuid(idOrUpn, "user id")).orElseThrow(() -> notFound(idOrUpn));
    }
    if (idOrUpn != null && idOrUpn.contains("@")) {
      return users.findByUpn(idOrUpn).orElseThrow(() -> notFound(idOrUpn));
    }
    throw GraphException.badRequest("Invalid object identifier '" + idOrUpn + "': address a user by its id (a GUID) "
        + "or its userPrincipalName.");
  }

  /** The user with this userPrincipalName (any case), if there is one; never throws for bad input. */
  public Optional<User> findByUpn(String upn) {
    if (upn == null || upn.isBlank() || upn.length() > MAX_UPN) {
      return Optional.empty();
    }
    return users.findByUpn(upn);
  }

  /** The user with this id, if there is one. */
  public Optional<User> findById(String id) {
    return Ids.isGuid(id) ? users.findById(id.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  public List<User> find(List<FilterClause> filter, String afterId, int limit) {
    return users.find(filter, afterId, limit);
  }

  /**
   * The signed-in user making the current request, for the {@code /me} routes.
   *
   * @throws GraphException 400, as Graph answers, when the caller is an application
   */
  public User currentUser() {
    Caller caller = Caller.current();
    if (!caller.isUser()) {
      throw GraphException.badRequest("/me request is only valid with delegated authentication flow.");
    }
    return get(caller.id());
  }

  /** Members of a group, ordered by id, after {@code afterId} (null for the start). */
  List<User> membersOf(String groupId, String afterId, int limit) {
    return users.findMembersOf(groupId, afterId, limit);
  }

  /** The user as policies see them: id and groups. */
  public DirectoryMember member(User user) {
    return user.asMember(users.groupIds(user.id()));
  }

  /**
   * The user as {@code targeting} sees them: their groups are read only when it names a group, since
   * {@code all_users} and user targets decide without them (a look-up saved on every sign-in).
   */
  public DirectoryMember member(User user, Targeting targeting) {
    return targeting.namesGroups() ? member(user) : user.asMember(Set.of());
  }

  @Transactional
  public User update(String idOrUpn, UserChanges changes) {
    User before = get(idOrUpn);
    rights.require(AdminAction.MANAGE_USERS, before.id());
    if (changes.password() != null && !passwordPolicy.permits(before)) {
      throw passwordless(before.userPrincipalName());
    }
    User after = new User(before.id(),
        changes.userPrincipalName() == null ? before.userPrincipalName() : validUpn(changes.userPrincipalName()),
        changes.displayName() == null ? before.displayName() : validDisplayName(changes.displayName()),
        changes.mailNickname() == null ? before.mailNickname() : changes.mailNickname(),
        changes.userType() == null ? before.userType() : validUserType(changes.userType()),
        changes.accountEnabled() == null ? before.accountEnabled() : changes.accountEnabled(),
        before.hasPassword() || changes.password() != null, before.passwordSetAt(), before.createdAt());
    try {
      users.update(after);
    } catch (DuplicateKeyException e) {
      throw duplicateUpn(after.userPrincipalName());
    }
    List<ModifiedProperty> modified = new ArrayList<>();
    changed(modified, "UserPrincipalName", before.userPrincipalName(), after.userPrincipalName());
    changed(modified, "DisplayName", before.displayName(), after.displayName());
    changed(modified, "MailNickname", before.mailNickname(), after.mailNickname());
    changed(modified, "UserType", before.userType(), after.userType());
    changed(modified, "AccountEnabled", before.accountEnabled(), after.accountEnabled());
    if (changes.password() != null) {
      Instant now = now();
      users.updatePassword(before.id(), hashPassword(changes.password()), now);
      modified.add(new ModifiedProperty("PasswordProfile", null, "\"[set]\""));
      after = new User(after.id(), after.userPrincipalName(), after.displayName(), after.mailNickname(),
          after.userType(), after.accountEnabled(), true, now, after.createdAt());
    }
    audit.record(userEvent("Update user", "Update", after, modified));
    return after;
  }

  /**
   * The user addressed by {@code idOrUpn}, when they have the password method {@code methodId}.
   *
   * @throws GraphException 404 when the user has no password or the id isn't the password method's
   */
  public User passwordOwner(String idOrUpn, String methodId) {
    User user = get(idOrUpn);
    if (!user.hasPassword() || !PasswordMethodJson.ID.equalsIgnoreCase(methodId)) {
      throw GraphException.notFound("User '" + user.userPrincipalName() + "' has no password method with id '"
          + methodId + "'.");
    }
    return user;
  }

  /** Removes the user's password, so that they can't sign in with one; audited as deleted security info. */
  @Transactional
  public void removePassword(String idOrUpn, String methodId) {
    User user = passwordOwner(idOrUpn, methodId);
    users.updatePassword(user.id(), null, null);
    Caller caller = Caller.current();
    boolean own = caller.isUser() && caller.id().equals(user.id());
    audit.record(new AuditEvent("UserManagement", own ? "User deleted security info" : "Admin deleted security info",
        "Delete", own ? "User deleted password method" : "Admin deleted password method for user",
        "Authentication Methods", List.of(new AuditEvent.TargetResource(user.id(), user.displayName(), "User",
            user.userPrincipalName(), List.of(ModifiedProperty.removed("Password.Id", PasswordMethodJson.ID))))));
  }

  /**
   * Whether {@code password} is this user's password. A user without one is checked against a decoy, so
   * the answer (always false) takes as long as for a wrong password.
   */
  public boolean passwordMatches(User user, String password) {
    Optional<String> hash = user == null ? Optional.empty() : users.passwordHash(user.id());
    boolean matches = passwords.matches(password, hash.orElseGet(decoyPasswordHash::value));
    return hash.isPresent() && matches;
  }

  /** Deletes the user with their pass, methods and memberships. */
  @Transactional
  public void delete(String idOrUpn) {
    User user = get(idOrUpn);
    rights.require(AdminAction.MANAGE_USERS, user.id());
    if (!users.delete(user.id())) {
      throw notFound(idOrUpn);
    }
    audit.record(userEvent("Delete user", "Delete", user, List.of()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String hashPassword(String password) {
    if (password.length() < MIN_PASSWORD) {
      throw GraphException.badRequest("passwordProfile.password is too short: use at least " + MIN_PASSWORD
          + " characters, or leave passwordProfile out for a passwordless account.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw GraphException.badRequest("passwordProfile.password is too long: bcrypt uses at most " + MAX_PASSWORD_BYTES
          + " bytes (UTF-8), so use a shorter one.");
    }
    return passwords.encode(password);
  }

  private static String validUpn(String upn) {
    if (upn == null || upn.length() > MAX_UPN || !UPN.matcher(upn).matches()) {
      throw GraphException.badRequest("userPrincipalName '" + upn + "' is not valid: it must be an address such as "
          + "alice@example.com.");
    }
    return upn;
  }

  private static String validDisplayName(String displayName) {
    if (displayName == null || displayName.isBlank() || displayName.length() > 256) {
      throw GraphException.badRequest("displayName is required and must be 1 to 256 characters.");
    }
    return displayName;
  }

  private static String validUserType(String userType) {
    if (User.MEMBER.equalsIgnoreCase(userType)) {
      return User.MEMBER;
    }
    if (User.GUEST.equalsIgnoreCase(userType)) {
      return User.GUEST;
    }
    throw GraphException.badRequest("userType must be 'Member' or 'Guest', not '" + userType + "'.");
  }

  private static GraphException notFound(String idOrUpn) {
    return GraphException.notFound("User '" + idOrUpn + "' does not exist.");
  }

  private static GraphException passwordless(String upn) {
    return GraphException.accessDenied("User '" + upn + "' is passwordless: the Password method configuration "
        + "(/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Password) doesn't allow them a "
        + "password. Leave passwordProfile out, or have a policy administrator include them in that policy first.");
  }

  private static GraphException duplicateUpn(String upn) {
    return GraphException.conflict("Another user already has the userPrincipalName '" + upn + "'.");
  }

  private static void changed(List<ModifiedProperty> modified, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      modified.add(new ModifiedProperty(name, json(before), json(after)));
    }
  }

  static String json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return "[" + value + "]";
    }
    return "[\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  private static AuditEvent userEvent(String activity, String operation, User user, List<ModifiedProperty> modified) {
    return new AuditEvent("UserManagement", activity, operation, "", "Core Directory", List.of(
        new AuditEvent.TargetResource(user.id(), user.displayName(), "User", user.userPrincipalName(), modified)));
  }
}
