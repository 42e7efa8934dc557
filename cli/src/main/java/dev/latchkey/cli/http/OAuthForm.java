package dev.latchkey.cli.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A form posted to one of the server's OAuth endpoints, and its JSON answer. */
final class OAuthForm {

  private OAuthForm() {}

  /**
   * The answer of an OAuth endpoint.
   *
   * @param status the HTTP status
   * @param body the JSON body, or null when there was none
   */
  record Answer(int status, JsonNode body) {

    /** The text of a property of the body, or null. */
    String text(String property) {
      return Json.text(body, property);
    }

    /** The OAuth {@code error} code, or null. */
    String error() {
      return text("error");
    }

    /** {@code error} with its {@code error_description}, or the HTTP status when there is neither. */
    String describe() {
      String error = error();
      if (error == null) {
        return "HTTP " + status;
      }
      String description = text("error_description");
      return description == null ? error : error + ": " + description;
    }
  }

  /** Posts {@code fields} form-encoded to {@code endpoint}. */
  static Answer post(HttpClient http, URI endpoint, Map<String, String> fields) {
    String form = fields.entrySet().stream()
        .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response = Transport.send(http, request, endpoint);
    return new Answer(response.statusCode(), parse(response.body()));
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
    } catch (JacksonException notJson) {
      return null;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
