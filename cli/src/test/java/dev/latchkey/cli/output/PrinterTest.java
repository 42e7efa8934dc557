package dev.latchkey.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.http.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PrinterTest {

  private static final List<Column> COLUMNS = List.of(Column.property("userPrincipalName"),
      Column.property("displayName"));
  private static final List<JsonNode> USERS = List.of(
      Json.object().put("@odata.context", "x").put("userPrincipalName", "bob@example.com").put("displayName", "Builder, \"Bob\""),
      Json.object().put("userPrincipalName", "al@example.com").putNull("displayName"));

  @Test
  void tableThenAlignedColumnsUnderTheirHeaders() {
    assertThat(print(OutputFormat.TABLE)).isEqualTo("""
        userPrincipalName  displayName
        bob@example.com    Builder, "Bob"
        al@example.com
        """);
  }

  @Test
  void csvThenQuotedWhereNeeded() {
    assertThat(print(OutputFormat.CSV)).isEqualTo("""
        userPrincipalName,displayName
        bob@example.com,"Builder, ""Bob\"""
        al@example.com,
        """);
  }

  @Test
  void jsonThenTheEntitiesWithoutTheirContext() {
    JsonNode printed = Json.MAPPER.readTree(print(OutputFormat.JSON));

    assertThat(printed).hasSize(2);
    assertThat(printed.get(0).has("@odata.context")).isFalse();
    assertThat(printed.get(0).get("displayName").asString()).isEqualTo("Builder, \"Bob\"");
  }

  private static String print(OutputFormat format) {
    StringWriter out = new StringWriter();
    new Printer(format, new PrintWriter(out)).list(USERS, COLUMNS);
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
