package dev.latchkey.server.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read property by property, so that every wrong type or unknown property is
 * answered with a message that names the property and says what it must be. Properties that start with
 * {@code @odata.} are annotations, never unknown.
 */
public final class JsonBody {

  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  /** The body as an object; a missing body reads as an empty object. */
  public static JsonBody of(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      return new JsonBody(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }
    if (!body.isObject()) {
      throw GraphException.badRequest("The request body must be a JSON object.");
    }
    return new JsonBody((ObjectNode) body);
  }

  /** Refuses any property outside {@code allowed}, naming it. */
  public JsonBody allowOnly(String entity, Set<String> allowed) {
    for (String name : node.propertyNames()) {
      if (!name.startsWith("@odata.") && !allowed.contains(name)) {
        throw GraphException.badRequest("'" + name + "' is not a property of " + entity + "; allowed are "
            + allowed + ".");
      }
    }
    return this;
  }

  public boolean has(String name) {
    return node.has(name);
  }

  public JsonNode raw(String name) {
    return node.get(name);
  }

  /** The {@code @odata.type} annotation, or null. */
  public String odataType() {
    JsonNode type = node.get("@odata.type");
    return type != null && type.isString() ? type.stringValue() : null;
  }

  /** The {@code @odata.id} annotation of a reference body, or null. */
  public String odataId() {
    JsonNode id = node.get("@odata.id");
    return id != null && id.isString() ? id.stringValue() : null;
  }

  public String optionalString(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw wrongType(name, "a string");
    }
    return value.stringValue();
  }

  public String requiredString(String name) {
    String value = optionalString(name);
    if (value == null || value.isBlank()) {
      throw GraphException.badRequest("'" + name + "' is required and must be a non-empty string.");
    }
    return value;
  }

  public Boolean optionalBoolean(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "true or false");
    }
    return value.booleanValue();
  }

  public boolean requiredBoolean(String name) {
    Boolean value = optionalBoolean(name);
    if (value == null) {
      throw GraphException.badRequest("'" + name + "' is required and must be true or false.");
    }
    return value;
  }

  public Integer optionalInt(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(name, "a whole number");
    }
    return value.intValue();
  }

  /** An ISO-8601 timestamp with an offset, such as {@code 2026-12-01T08:00:00Z}. */
  public Instant optionalInstant(String name) {
    String text;
    try {
      text = optionalString(name);
    } catch (GraphException e) {
      throw wrongType(name, "an ISO-8601 timestamp such as 2026-12-01T08:00:00Z");
    }
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw wrongType(name, "an ISO-8601 timestamp with a time zone, such as 2026-12-01T08:00:00Z");
    }
  }

  private static GraphException wrongType(String name, String expected) {
    return GraphException.badRequest("'" + name + "' must be " + expected + ".");
  }
}
