package dev.latchkey.server.persistence;

import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.JsonBody;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication method configurations, one row each ({@code TemporaryAccessPass}, {@code Fido2}), stored
 * as their Graph JSON. A configuration without a row has its defaults. Each capability owns its row and
 * supplies how its policy merges from and renders to Graph JSON.
 */
@Repository
public class MethodPolicyDocuments {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  /**
   * The last document read per configuration with the policy it parsed to. A sign-in reads its method's
   * configuration every time (an admin's change on one node holds on all at once), but the text seldom
   * changes, and parsing it is a pure function of the text into an immutable record.
   */
  private final Map<String, Parsed<?>> lastParsed = new ConcurrentHashMap<>();

  private record Parsed<P>(String document, P policy) {}

  MethodPolicyDocuments(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * How one configuration reads and writes its Graph JSON.
   *
   * @param id the configuration's id, e.g. {@code TemporaryAccessPass}
   * @param odataType the {@code @odata.type} every PATCH must carry
   * @param defaults the policy of a fresh install
   * @param merge applies a (partial) Graph body to a policy; throws on any invalid value
   * @param toGraph renders a policy as its Graph properties
   */
  public record Shape<P>(String id, String odataType, Supplier<P> defaults, BiFunction<P, JsonBody, P> merge,
      Function<P, Map<String, Object>> toGraph) {}

  /** One property a change set, as JSON text before and after. */
  public record PropertyChange(String property, String oldValue, String newValue) {}

  /** A committed change: the policy before, after, and the properties that differ. */
  public record Change<P>(P before, P after, List<PropertyChange> changes) {}

  /** The configuration in force. */
  public <P> P current(Shape<P> shape) {
    return jdbc.sql("select document from method_policies where id = :id").param("id", shape.id())
        .query(String.class).optional().map(document -> parseOnce(shape, document)).orElseGet(shape.defaults());
  }

  @SuppressWarnings("unchecked")
  private <P> P parseOnce(Shape<P> shape, String document) {
    Parsed<?> last = lastParsed.get(shape.id());
    if (last != null && last.document().equals(document)) {
      return (P) last.policy();
    }
    P policy = parse(shape, document);
    lastParsed.put(shape.id(), new Parsed<>(document, policy));
    return policy;
  }

  /**
   * Merges a Graph PATCH into the configuration, under a row lock. The body must carry the
   * configuration's {@code @odata.type}; an invalid value throws and nothing is stored. Must run in a
   * transaction.
   */
  public <P> Change<P> update(Shape<P> shape, JsonNode patch) {
    JsonBody body = JsonBody.of(patch);
    if (!shape.odataType().equals(body.odataType())) {
      throw GraphException.badRequest("The body must carry \"@odata.type\": \"" + shape.odataType() + "\".");
    }
    P before = jdbc.sql("select document from method_policies where id = :id for update").param("id", shape.id())
        .query(String.class).optional().map(document -> parse(shape, document)).orElseGet(shape.defaults());
    P after = shape.merge().apply(before, body);
    Map<String, Object> oldGraph = shape.toGraph().apply(before);
    Map<String, Object> newGraph = shape.toGraph().apply(after);
    save(shape.id(), json.writeValueAsString(newGraph));
    List<PropertyChange> changes = new ArrayList<>();
    for (String property : newGraph.keySet()) {
      if (!Objects.equals(oldGraph.get(property), newGraph.get(property))) {
        changes.add(new PropertyChange(property, json.writeValueAsString(oldGraph.get(property)),
            json.writeValueAsString(newGraph.get(property))));
      }
    }
    return new Change<>(before, after, changes);
  }

  private <P> P parse(Shape<P> shape, String document) {
    return shape.merge().apply(shape.defaults().get(), JsonBody.of(json.readTree(document)));
  }

  private void save(String id, String document) {
    int updated = jdbc.sql("update method_policies set document = :document, updated_at = :at where id = :id")
        .param("id", id).param("document", document)
        .param("at", SqlTime.bind(clock.instant().truncatedTo(ChronoUnit.MICROS))).update();
    if (updated != 1) {
      throw new IllegalStateException("The method configuration row '" + id + "' is missing; migration V3 creates it.");
    }
  }
}
