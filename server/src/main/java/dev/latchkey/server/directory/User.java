package dev.latchkey.server.directory;

import dev.latchkey.core.policy.DirectoryMember;
import java.time.Instant;
import java.util.Set;

/**
 * A person in the directory.
 *
 * @param id the object id (a GUID)
 * @param userPrincipalName the sign-in name, an address such as {@code alice@example.com}
 * @param displayName the name shown to people
 * @param mailNickname may be null
 * @param userType {@code Member} or {@code Guest}
 * @param accountEnabled whether the account may sign in
 * @param hasPassword whether a password is set; Latchkey accounts may have none
 * @param passwordSetAt when the password was set; null without one
 * @param createdAt when the account was created
 */
public record User(String id, String userPrincipalName, String displayName, String mailNickname, String userType,
    boolean accountEnabled, boolean hasPassword, Instant passwordSetAt, Instant createdAt) {

  public static final String MEMBER = "Member";
  public static final String GUEST = "Guest";

  public boolean isGuest() {
    return GUEST.equals(userType);
  }

  /** The user as a policy sees them, with the groups they belong to. */
  public DirectoryMember asMember(Set<String> groupIds) {
    return new DirectoryMember(id, groupIds);
  }
}
