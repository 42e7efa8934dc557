package dev.latchkey.cli.http;

/**
 * Where the CLI gets the bearer token for each request. Today that is {@link ClientCredentials}; a
 * device-grant sign-in ({@code latchkey login}) would be a second implementation that keeps a refresh token
 * in the configuration directory, and nothing else in the CLI would change.
 */
public interface TokenSource {

  /**
   * A token that is valid now, fetching a new one when needed.
   *
   * @throws dev.latchkey.cli.CliFailure with exit code 3 when the server refuses the credentials
   */
  String accessToken();
}
