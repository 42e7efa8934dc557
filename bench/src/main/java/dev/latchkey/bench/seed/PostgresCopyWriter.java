package dev.latchkey.bench.seed;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL: {@code COPY … FROM STDIN} in CSV, ten times and more faster than batched inserts. In CSV an
 * unquoted empty field is null, and {@code \x…} is a bytea in hex.
 */
final class PostgresCopyWriter implements RowWriter {

  private static final HexFormat HEX = HexFormat.of();

  private final CopyManager copy;

  PostgresCopyWriter(Connection connection) throws SQLException {
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
  }

  @Override
  public void write(SeedRows rows, long from, long to) throws SQLException, IOException {
    List<SeedRows.Row> chunk = rows.rows(from, to);
    String now = rows.now().toString();
    StringBuilder users = new StringBuilder(chunk.size() * 180);
    StringBuilder passes = new StringBuilder(chunk.size() * 250);
    for (SeedRows.Row row : chunk) {
      users.append(row.userId()).append(',').append(quoted(row.upn())).append(',').append(quoted(row.upnKey()))
          .append(',').append(quoted(row.displayName())).append(",,Member,true,,,").append(now).append('\n');
      passes.append(row.passId()).append(',').append(row.userId()).append(',').append(row.passHash().keyId())
          .append(",\\x").append(HEX.formatHex(row.passHash().digest())).append(',').append(now).append(',')
          .append(now).append(',').append(rows.lifetimeMinutes()).append(',').append(rows.expiresAt())
          .append(",false,\n");
    }
    copy.copyIn("copy users (id, user_principal_name, upn_key, display_name, mail_nickname, user_type, "
        + "account_enabled, password_hash, password_set_at, created_at) from stdin with (format csv)",
        new StringReader(users.toString()));
    copy.copyIn("copy temporary_access_passes (id, user_id, key_id, pass_hash, created_at, start_at, "
        + "lifetime_minutes, expires_at, usable_once, consumed_at) from stdin with (format csv)",
        new StringReader(passes.toString()));
  }

  private static String quoted(String text) {
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
