package dev.latchkey.core.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a policy needs to know about a user to decide whether it targets them.
 *
 * @param userId the user's id
 * @param groupIds the ids of every group the user belongs to; empty when none
 */
public record DirectoryMember(String userId, Set<String> groupIds) {

  public DirectoryMember {
    Objects.requireNonNull(userId, "userId");
    groupIds = groupIds.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
