package dev.latchkey.cli.commands;

import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How a {@code temporaryAccessPassAuthenticationMethod} is shown: its columns, end and sign-in URL. */
public final class Passes {

  private static final String METADATA = "/v1.0/$metadata";

  /** The columns of a pass in a list. */
  public static final List<Column> COLUMNS = List.of(Column.property("id"), Column.property("isUsable"),
      Column.property("methodUsabilityReason"), Column.property("isUsableOnce"),
      Column.property("startDateTime"), new Column("endDateTime", Passes::validUntil),
      Column.property("lifetimeInMinutes"), Column.property("createdDateTime"));

  private Passes() {}

  /** When the pass stops working: its start plus its lifetime, as Graph's audit log names it. */
  public static String validUntil(JsonNode pass) {
    String start = Json.text(pass, "startDateTime");
    JsonNode lifetime = pass.get("lifetimeInMinutes");
    if (start == null || lifetime == null || !lifetime.isNumber()) {
      return null;
    }
    return Instant.parse(start).plusSeconds(60L * lifetime.asLong()).toString();
  }

  /**
   * Where the person signs in with the pass: {@code <base-url>/signin}. The base URL is the server's public
   * one, read from the {@code @odata.context} of the create response; the server's address as given is the
   * fallback.
   */
  public static String signInUrl(JsonNode created, GraphClient graph) {
    String context = Json.text(created, "@odata.context");
    int metadata = context == null ? -1 : context.indexOf(METADATA);
    String base = metadata > 0 ? context.substring(0, metadata) : graph.server().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/signin";
  }
}
