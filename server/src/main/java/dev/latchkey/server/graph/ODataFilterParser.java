package dev.latchkey.server.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the part of OData's {@code $filter} that Latchkey supports: comparisons joined by {@code and},
 * where a comparison is {@code prop eq 'text'}, {@code startswith(prop,'text')}, or
 * {@code prop ge|gt|le|lt literal}. A quote inside a string is doubled ({@code 'O''Brien'}).
 */
final class ODataFilterParser {

  private final String text;
  private int pos;

  private ODataFilterParser(String text) {
    this.text = text;
  }

  static List<FilterClause> parse(String filter) {
    return new ODataFilterParser(filter).clauses();
  }

  private List<FilterClause> clauses() {
    List<FilterClause> clauses = new ArrayList<>();
    clauses.add(clause());
    while (true) {
      skipSpaces();
      if (pos >= text.length()) {
        return clauses;
      }
      String word = identifier();
      if (!word.equalsIgnoreCase("and")) {
        throw invalid("expected 'and' or the end, found '" + word + "'");
      }
      clauses.add(clause());
    }
  }

  private FilterClause clause() {
    skipSpaces();
    String first = identifier();
    skipSpaces();
    if (first.equalsIgnoreCase("startswith") && peek() == '(') {
      pos++;
      skipSpaces();
      String property = identifier();
      skipSpaces();
      expect(',');
      skipSpaces();
      String value = quoted();
      skipSpaces();
      expect(')');
      return new FilterClause(property, FilterClause.Operator.STARTS_WITH, value);
    }
    String op = identifier().toLowerCase(Locale.ROOT);
    FilterClause.Operator operator = switch (op) {
      case "eq" -> FilterClause.Operator.EQ;
      case "ge" -> FilterClause.Operator.GE;
      case "gt" -> FilterClause.Operator.GT;
      case "le" -> FilterClause.Operator.LE;
      case "lt" -> FilterClause.Operator.LT;
      default -> throw invalid("'" + op + "' is not a supported operator (use eq, ge, gt, le, lt or startswith)");
    };
    skipSpaces();
    String value = peek() == '\'' ? quoted() : bare();
    return new FilterClause(first, operator, value);
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
        || text.charAt(pos) == '/')) {
      pos++;
    }
    if (start == pos) {
      throw invalid("expected a property name at position " + (pos + 1));
    }
    return text.substring(start, pos);
  }

  private String quoted() {
    expect('\'');
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\'') {
        if (peek() == '\'') {
          value.append('\'');
          pos++;
        } else {
          return value.toString();
        }
      } else {
        value.append(c);
      }
    }
    throw invalid("a string literal is not closed with '");
  }

  private String bare() {
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')') {
      pos++;
    }
    if (start == pos) {
      throw invalid("expected a value at position " + (pos + 1));
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw invalid("expected '" + c + "' at position " + (pos + 1));
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private GraphException invalid(String why) {
    return GraphException.badRequest("Invalid $filter: " + why + ".");
  }
}
