package dev.latchkey.server.directory;

import dev.latchkey.server.persistence.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How a {@link User} is read from the {@code users} table, for the queries elsewhere that join a user with
 * what belongs to them (a sign-in reads the user and their pass in one round trip).
 */
public final class UserRows {

  private UserRows() {}

  /**
   * The columns {@link #read} needs, each prefixed with {@code alias} (such as {@code "u."}, or empty), under
   * their own names; a query joining another table must not select other columns under these names.
   */
  public static String columns(String alias) {
    return String.join(", ", Stream.of("id", "user_principal_name", "display_name", "mail_nickname",
            "user_type", "account_enabled", "password_set_at", "created_at").map(column -> alias + column).toList())
        + ", " + alias + "password_hash is not null as has_password";
  }

  /** The user on the current row of a result selecting {@link #columns}. */
  public static User read(ResultSet rs) throws SQLException {
    return new User(rs.getString("id"), rs.getString("user_principal_name"), rs.getString("display_name"),
        rs.getString("mail_nickname"), rs.getString("user_type"), rs.getBoolean("account_enabled"),
        rs.getBoolean("has_password"), SqlTime.read(rs, "password_set_at"), SqlTime.read(rs, "created_at"));
  }

  /** The {@code upn_key} a userPrincipalName is found by: UPNs are unique ignoring case. */
  public static String upnKey(String userPrincipalName) {
    return userPrincipalName.toLowerCase(Locale.ROOT);
  }
}
