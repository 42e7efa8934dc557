package dev.latchkey.cli.output;

import dev.latchkey.cli.http.Json;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One column of a table or CSV: its header and how to read its value from an entity.
 *
 * @param header the header, e.g. {@code userPrincipalName}
 * @param value reads the cell from an entity; returns null for an empty cell
 */
public record Column(String header, Function<JsonNode, String> value) {

  /** A column showing one property of the entity, under the property's own name. */
  public static Column property(String name) {
    return new Column(name, entity -> Json.text(entity, name));
  }

  /** A column showing one property of the entity under another header. */
  public static Column property(String header, String name) {
    return new Column(header, entity -> Json.text(entity, name));
  }

  /** The cell for {@code entity}, never null. */
  public String cell(JsonNode entity) {
    String text = value.apply(entity);
    return text == null ? "" : text;
  }
}
