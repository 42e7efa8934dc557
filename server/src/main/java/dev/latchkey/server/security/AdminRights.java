package dev.latchkey.server.security;

/**
 * Whether the current caller may do an admin action, read from the caller's admin roles at the time of
 * the request so that a removed role takes effect at once. A signed-in person's rights are those of their
 * roles (and, with a token, only within its delegated scopes, which the routes check); an application's
 * are its permissions, which the routes check, so every action is allowed here.
 */
public interface AdminRights {

  /**
   * Whether the current caller may do {@code action}.
   *
   * @param targetUserId the user acted on; null when the action has no user target (e.g. a policy)
   */
  boolean allows(AdminAction action, String targetUserId);

  /**
   * Refuses the action unless {@link #allows} it.
   *
   * @param targetUserId the user acted on; null when the action has no user target
   * @throws dev.latchkey.server.graph.GraphException 403 {@code accessDenied} naming the roles that would
   *     allow it
   */
  void require(AdminAction action, String targetUserId);
}
