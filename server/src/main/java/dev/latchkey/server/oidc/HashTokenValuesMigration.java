package dev.latchkey.server.oidc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 19: the codes and tokens stored before {@link HashedTokenValues} are replaced by their
 * digest, so that an upgrade leaves no usable refresh token in the database and every one issued before it
 * goes on working. Nodes of an earlier version can't read digests, so this is an upgrade with every node
 * stopped (docs/operations.md). Written in Java because the two databases name SHA-256 differently in SQL.
 * The access token's column stays {@code text}: narrowing it would fail an earlier node's JWT of more than
 * 1,000 characters.
 */
@Component
class HashTokenValuesMigration implements JavaMigration {

  private static final List<String> COLUMNS = List.of("authorization_code_value", "access_token_value",
      "refresh_token_value", "device_code_value");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("19");
  }

  @Override
  public String getDescription() {
    return "hash token values";
  }

  @Override
  public Integer getChecksum() {
    return 19;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    for (String column : COLUMNS) {
      hash(connection, column);
    }
  }

  private static void hash(Connection connection, String column) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet found = select.executeQuery("select id, " + column + " from oauth2_authorization where " + column
            + " is not null and " + column + " not like '" + HashedTokenValues.PREFIX + "%'")) {
      while (found.next()) {
        rows.add(new String[] {found.getString(1), found.getString(2)});
      }
    }
    try (PreparedStatement update = connection.prepareStatement(
        "update oauth2_authorization set " + column + " = ? where id = ?")) {
      for (String[] row : rows) {
        update.setString(1, HashedTokenValues.stored(row[1]));
        update.setString(2, row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
