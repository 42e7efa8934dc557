package dev.latchkey.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.graph.JsonBody;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A configuration read again is parsed only when its stored text changed, and a change is seen on the very
 * next read, wherever it was made: here "another node" writes the row straight into a real H2 with
 * Latchkey's schema.
 */
class MethodPolicyDocumentsTest {

  /** A one-property configuration stored in the pass method's row. */
  record Length(int value) {}

  private final MethodPolicyDocuments.Shape<Length> shape = new MethodPolicyDocuments.Shape<>("TemporaryAccessPass",
      "#test.length", () -> new Length(8), (before, body) -> {
        Integer value = body.optionalInt("length");
        return value == null ? before : new Length(value);
      }, policy -> Map.of("length", policy.value()));

  private JdbcClient jdbc;
  private MethodPolicyDocuments documents;

  @BeforeEach
  void schema() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource("jdbc:h2:mem:method-policies-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    documents = new MethodPolicyDocuments(jdbc, JsonMapper.builder().build(), Clock.systemUTC());
  }

  @Test
  void currentWhenTheStoredTextIsUnchangedThenTheSamePolicyWithoutParsingAgain() {
    anotherNodeStores("{\"length\": 12}");

    Length first = documents.current(shape);
    Length second = documents.current(shape);

    assertThat(first).isEqualTo(new Length(12));
    assertThat(second).as("parsed once").isSameAs(first);
  }

  @Test
  void currentWhenAnotherNodeChangedTheRowThenTheNextReadHasTheChange() {
    anotherNodeStores("{\"length\": 12}");
    assertThat(documents.current(shape)).isEqualTo(new Length(12));

    anotherNodeStores("{\"length\": 16}");
    assertThat(documents.current(shape)).isEqualTo(new Length(16));

    anotherNodeStores("{\"length\": 12}");
    assertThat(documents.current(shape)).as("back to the earlier text").isEqualTo(new Length(12));
  }

  @Test
  void currentWhenTheRowIsGoneThenTheDefaults() {
    anotherNodeStores("{\"length\": 12}");
    assertThat(documents.current(shape)).isEqualTo(new Length(12));

    jdbc.sql("delete from method_policies where id = 'TemporaryAccessPass'").update();

    assertThat(documents.current(shape)).isEqualTo(new Length(8));
  }

  private void anotherNodeStores(String document) {
    jdbc.sql("update method_policies set document = :document where id = 'TemporaryAccessPass'")
        .param("document", document).update();
  }
}
