package dev.latchkey.cli.http;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends a request and turns a network failure into a message that names the server and what to check. */
final class Transport {

  private Transport() {}

  static HttpResponse<String> send(HttpClient http, HttpRequest request, URI target) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CliFailure(ExitCodes.SERVER_ERROR, "Can't reach the Latchkey server at "
          + target.getScheme() + "://" + target.getRawAuthority() + " (" + reason
          + "). Check --server or LATCHKEY_SERVER, and that the server is running.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.SERVER_ERROR, "Interrupted while waiting for the server.");
    }
  }
}
