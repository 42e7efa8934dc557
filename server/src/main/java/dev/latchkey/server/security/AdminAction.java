package dev.latchkey.server.security;

/**
 * What a signed-in person needs an admin role for. Applications are never asked: their Graph permission,
 * checked per route, is all they need.
 */
public enum AdminAction {

  READ_METHODS("read the sign-in methods of other users"),
  MANAGE_METHODS("issue or delete the sign-in methods of other users"),
  READ_POLICY("read the authentication methods policy"),
  EDIT_POLICY("change the authentication methods policy"),
  MANAGE_USERS("create, change or delete users"),
  MANAGE_GROUPS("change groups and their members"),
  READ_AUDIT("read the audit and sign-in logs"),
  MANAGE_ROLES("assign or remove admin roles"),
  MANAGE_APPLICATIONS("register applications or manage their secrets");

  private final String description;

  AdminAction(String description) {
    this.description = description;
  }

  /** Words for a refusal: "To {description} you need ...", e.g. "read the authentication methods policy". */
  public String description() {
    return description;
  }
}
