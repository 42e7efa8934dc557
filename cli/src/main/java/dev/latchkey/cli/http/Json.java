package dev.latchkey.cli.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the CLI, and small helpers for reading Graph entities. */
public final class Json {

  /** Shared; a Jackson mapper is thread-safe once built. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** A new, empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The property's text, or null when it is missing or JSON null. Numbers and booleans read as text. */
  public static String text(JsonNode node, String property) {
    JsonNode value = node == null ? null : node.get(property);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : MAPPER.writeValueAsString(value);
  }
}
