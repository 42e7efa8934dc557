package dev.latchkey.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** Users made for one test, each with a userPrincipalName no other test uses. */
public final class TestUsers {

  private TestUsers() {}

  /** A fresh userPrincipalName such as {@code alice-1a2b3c4d@example.com}. */
  public static String uniqueUpn(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** Creates a user through the CLI and returns their userPrincipalName. */
  public static String create(Cli cli, String name) {
    String upn = uniqueUpn(name);
    CliRun created = cli.run("user", "new", "--upn", upn, "--display-name", name);
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return upn;
  }
}
