package dev.latchkey.bench.seed;

import java.io.IOException;
import java.sql.SQLException;

/** Writes a range of seeded users and their passes in the caller's transaction. */
interface RowWriter {

  /** Writes users {@code from} (inclusive) to {@code to} (exclusive) of {@code rows}; does not commit. */
  void write(SeedRows rows, long from, long to) throws SQLException, IOException;
}
