package dev.latchkey.server.roles;

import java.time.Instant;
import java.util.Objects;

/**
 * A directory role held by a user, directory-wide.
 *
 * @param id the assignment's id
 * @param role the role
 * @param principalId the user's id
 * @param createdAt when it was assigned
 */
public record RoleAssignment(String id, DirectoryRole role, String principalId, Instant createdAt) {

  /** The only scope Latchkey assigns roles at: the whole directory. */
  public static final String DIRECTORY_SCOPE = "/";

  public RoleAssignment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
