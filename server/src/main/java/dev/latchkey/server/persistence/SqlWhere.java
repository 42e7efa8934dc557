package dev.latchkey.server.persistence;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.GraphTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@code where} clause from {@code $filter} comparisons with bound parameters only: no value
 * ever becomes SQL text.
 */
public final class SqlWhere {

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** Adds a condition written by the caller; its parameters are bound with {@link #bind}. */
  public SqlWhere add(String condition) {
    conditions.add(condition);
    return this;
  }

  public SqlWhere bind(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** {@code column = value}, or {@code column like 'value%'} for {@code startswith}. */
  public SqlWhere equal(String column, FilterClause clause) {
    return match(column, clause, clause.value());
  }

  /** Like {@link #equal}, but against a lower-cased column with a lower-cased value. */
  public SqlWhere equalIgnoringCase(String lowerCaseColumn, FilterClause clause) {
    return match(lowerCaseColumn, clause, clause.value().toLowerCase(Locale.ROOT));
  }

  /** {@code column op value} for eq, ge, gt, le and lt. */
  public SqlWhere compare(String column, FilterClause.Operator operator, Object value) {
    String name = nextName();
    String sqlOperator = switch (operator) {
      case EQ -> "=";
      case GE -> ">=";
      case GT -> ">";
      case LE -> "<=";
      case LT -> "<";
      case STARTS_WITH -> throw new IllegalArgumentException("startswith is not a comparison");
    };
    conditions.add(column + " " + sqlOperator + " :" + name);
    params.put(name, value);
    return this;
  }

  /**
   * Continues a newest-first listing after {@code position}, the {@code "time|id"} of the last row of the
   * previous page (see {@link #position}); null means from the start.
   */
  public SqlWhere after(String timeColumn, String position) {
    if (position == null) {
      return this;
    }
    String[] parts = position.split("\\|", 2);
    if (parts.length != 2) {
      throw GraphException.badRequest("Invalid $skiptoken: use the @odata.nextLink of the previous page as is.");
    }
    conditions.add("(" + timeColumn + " < :afterTime or (" + timeColumn + " = :afterTime and id < :afterId))");
    params.put("afterTime", SqlTime.bind(GraphTime.parseQueryValue(parts[0])));
    params.put("afterId", parts[1]);
    return this;
  }

  /** The position of a row in a newest-first listing, for {@link #after}. */
  public static String position(Instant time, String id) {
    return GraphTime.format(time) + "|" + id;
  }

  /** {@code " where a and b"}, or the empty string when there is no condition. */
  public String sql() {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  public Map<String, Object> params() {
    return params;
  }

  private SqlWhere match(String column, FilterClause clause, String value) {
    return switch (clause.operator()) {
      case EQ -> compare(column, FilterClause.Operator.EQ, value);
      case STARTS_WITH -> {
        String name = nextName();
        conditions.add(column + " like :" + name + " escape '\\'");
        params.put(name, escapeLike(value) + "%");
        yield this;
      }
      default -> throw GraphException.badRequest(
          "Invalid $filter: only eq and startswith apply to '" + clause.property() + "'.");
    };
  }

  private String nextName() {
    return "p" + params.size();
  }

  private static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
