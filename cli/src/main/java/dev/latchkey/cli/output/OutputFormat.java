package dev.latchkey.cli.output;

/** How results are printed: a table for people, JSON or CSV for scripts. */
public enum OutputFormat {
  TABLE, JSON, CSV
}
