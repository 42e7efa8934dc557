package dev.latchkey.cli.onboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

  @TempDir
  Path directory;

  @Test
  void readWhenColumnsInAnyOrderAndCaseThenMatchedAndQuotesUndone() throws IOException {
    Path file = write("\uFEFFDisplayName,USERPRINCIPALNAME,team\n\"Builder, Bob\",bob@example.com,x\n"
        + "\"Multi\nLine \"\"Quoted\"\"\",carol@example.com,y\n\nalice@example.com\n");

    InputFile.Contents contents = InputFile.read(file);

    assertThat(contents.ignoredColumns()).containsExactly("team");
    assertThat(contents.rows()).hasSize(3);
    assertThat(contents.rows().get(0)).isEqualTo(new InputRow(2, "bob@example.com", "Builder, Bob", null, null));
    assertThat(contents.rows().get(1).displayName()).isEqualTo("Multi\nLine \"Quoted\"");
    assertThat(contents.rows().get(1).line()).isEqualTo(3);
    assertThat(contents.rows().get(2).line()).isEqualTo(6);
    assertThat(contents.rows().get(2).problem()).isEqualTo("the row has 1 fields where the header has 3");
  }

  @Test
  void readWhenTheSameUpnTwiceIgnoringCaseThenTheSecondIsADuplicate() throws IOException {
    Path file = write("userPrincipalName,displayName\nAlice@Example.com,A\nalice@example.com,B\n");

    InputFile.Contents contents = InputFile.read(file);

    assertThat(contents.rows().get(0).problem()).isNull();
    assertThat(contents.rows().get(1).problem()).isEqualTo("duplicate: line 2 has the same userPrincipalName");
  }

  @Test
  void readWhenAQuoteIsNeverClosedThenThatRowSaysSo() throws IOException {
    Path file = write("userPrincipalName,displayName\nalice@example.com,\"Alice\n");

    assertThat(InputFile.read(file).rows().get(0).problem()).isEqualTo("a quoted field is never closed");
  }

  @Test
  void readWhenRequiredColumnMissingOrFileEmptyThenUsageFailure() throws IOException {
    assertThatThrownBy(() -> InputFile.read(write("displayName\nA\n"))).isInstanceOf(CliFailure.class)
        .hasMessageContaining("has no userPrincipalName column");
    assertThatThrownBy(() -> InputFile.read(write(""))).isInstanceOf(CliFailure.class)
        .hasMessageContaining("has no header line");
    assertThatThrownBy(() -> InputFile.read(directory.resolve("absent.csv"))).isInstanceOf(CliFailure.class)
        .hasMessageContaining("No such file");
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(directory, "users", ".csv");
    Files.writeString(file, text);
    return file;
  }
}
