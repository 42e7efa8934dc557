package dev.latchkey.server.graph;

/**
 * One comparison of a {@code $filter}: {@code property op value}.
 *
 * @param property the property name as the caller wrote it
 * @param operator the comparison
 * @param value the literal, unquoted
 */
public record FilterClause(String property, Operator operator, String value) {

  /** The comparisons Latchkey's {@code $filter} understands. */
  public enum Operator {
    EQ, STARTS_WITH, GE, GT, LE, LT
  }
}
