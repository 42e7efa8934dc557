package dev.latchkey.bench.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Any other database (H2): the repositories' own insert statements, in JDBC batches. */
final class BatchInsertWriter implements RowWriter {

  private static final int BATCH = 1000;

  private final Connection connection;

  BatchInsertWriter(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void write(SeedRows rows, long from, long to) throws SQLException {
    List<SeedRows.Row> chunk = rows.rows(from, to);
    try (PreparedStatement user = connection.prepareStatement("""
            insert into users (id, user_principal_name, upn_key, display_name, mail_nickname, user_type,
              account_enabled, password_hash, password_set_at, created_at)
            values (?, ?, ?, ?, null, 'Member', true, null, null, ?)""")) {
      for (int i = 0; i < chunk.size(); i++) {
        SeedRows.Row row = chunk.get(i);
        user.setString(1, row.userId());
        user.setString(2, row.upn());
        user.setString(3, row.upnKey());
        user.setString(4, row.displayName());
        user.setObject(5, rows.now());
        user.addBatch();
        if ((i + 1) % BATCH == 0) {
          user.executeBatch();
        }
      }
      user.executeBatch();
    }
    try (PreparedStatement pass = connection.prepareStatement("""
            insert into temporary_access_passes (id, user_id, key_id, pass_hash, created_at, start_at,
              lifetime_minutes, expires_at, usable_once, consumed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, false, ?)""")) {
      for (int i = 0; i < chunk.size(); i++) {
        SeedRows.Row row = chunk.get(i);
        pass.setString(1, row.passId());
        pass.setString(2, row.userId());
        pass.setString(3, row.passHash().keyId());
        pass.setBytes(4, row.passHash().digest());
        pass.setObject(5, rows.now());
        pass.setObject(6, rows.now());
        pass.setInt(7, rows.lifetimeMinutes());
        pass.setObject(8, rows.expiresAt());
        pass.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
        pass.addBatch();
        if ((i + 1) % BATCH == 0) {
          pass.executeBatch();
        }
      }
      pass.executeBatch();
    }
  }
}
