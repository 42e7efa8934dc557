package dev.latchkey.cli.output;

import dev.latchkey.cli.http.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints results in the chosen {@link OutputFormat}. JSON is the server's own entities (without their
 * {@code @odata.context}): one object for one entity, an array for a list. A table and CSV show the
 * command's columns.
 */
public final class Printer {

  private final OutputFormat format;
  private final PrintWriter out;

  public Printer(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  /** The format in use. */
  public OutputFormat format() {
    return format;
  }

  /** A list of entities, one row each. */
  public void list(List<JsonNode> items, List<Column> columns) {
    switch (format) {
      case JSON -> {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(item -> array.add(withoutContext(item)));
        json(array);
      }
      case CSV -> csv(items, columns);
      case TABLE -> table(items, columns);
    }
  }

  /** One entity: a {@code name: value} line per column in a table, one row in CSV. */
  public void entity(JsonNode entity, List<Column> columns) {
    switch (format) {
      case JSON -> json(withoutContext(entity));
      case CSV -> csv(List.of(entity), columns);
      case TABLE -> {
        int width = columns.stream().mapToInt(column -> column.header().length()).max().orElse(0);
        for (Column column : columns) {
          out.println(pad(column.header() + ":", width + 2) + column.cell(entity));
        }
      }
    }
  }

  /** A sentence for a person, such as what a delete did; scripts asking for JSON or CSV don't get it. */
  public void note(String text) {
    if (format == OutputFormat.TABLE) {
      out.println(text);
    }
  }

  /** Any JSON value, pretty-printed. */
  public void json(JsonNode node) {
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
  }

  private void csv(List<JsonNode> items, List<Column> columns) {
    out.println(Csv.line(columns.stream().map(Column::header).toList()));
    for (JsonNode item : items) {
      out.println(Csv.line(columns.stream().map(column -> column.cell(item)).toList()));
    }
  }

  private void table(List<JsonNode> items, List<Column> columns) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns.stream().map(Column::header).toList());
    for (JsonNode item : items) {
      rows.add(columns.stream().map(column -> column.cell(item).replace('\n', ' ')).toList());
    }
    int[] widths = new int[columns.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
    if (items.isEmpty()) {
      out.println("(none)");
    }
  }

  private static JsonNode withoutContext(JsonNode entity) {
    if (entity instanceof ObjectNode object && object.has("@odata.context")) {
      ObjectNode copy = object.deepCopy();
      copy.remove("@odata.context");
      return copy;
    }
    return entity;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
