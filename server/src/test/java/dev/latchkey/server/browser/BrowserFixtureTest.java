package dev.latchkey.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The browser fixture itself, against a one-page server on 127.0.0.1 reached as {@code localhost}: that the
 * virtual authenticator makes a discoverable, user-verified passkey for the relying party {@code localhost},
 * that failure evidence is saved, and that nothing of a browser is left behind.
 */
class BrowserFixtureTest {

  private static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>Fixture</title></head>"
      + "<body><h1 id=\"greeting\">Hello</h1></body></html>";
  /** Creates a passkey as a registration page would, and reports what the authenticator said. */
  private static final String CREATE_PASSKEY = """
      const done = arguments[arguments.length - 1];
      navigator.credentials.create({publicKey: {
          rp: {id: "localhost", name: "Latchkey"},
          user: {id: new TextEncoder().encode("user-1"), name: "alice@example.com", displayName: "Alice"},
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [{type: "public-key", alg: -7}],
          authenticatorSelection: {residentKey: "required", userVerification: "required"}}})
        .then(credential => done({type: credential.type,
                                  attachment: credential.authenticatorAttachment,
                                  flags: new Uint8Array(credential.response.getAuthenticatorData())[32]}))
        .catch(error => done({error: error.name + ": " + error.message}));
      """;

  private HttpServer server;
  private Chromium browser;

  @BeforeEach
  void serveOnePage() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    browser = Chromium.start();
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      server.stop(0);
    }
  }

  private String localhost() {
    return "http://localhost:" + server.getAddress().getPort() + "/";
  }

  @Test
  void addPasskeyAuthenticatorWhenAPageCreatesAPasskeyThenItIsDiscoverableUserVerifiedAndForLocalhost() {
    VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
    browser.open(localhost());

    Object created = ((JavascriptExecutor) browser.driver()).executeAsyncScript(CREATE_PASSKEY);

    assertThat(created).asString().doesNotContain("error");
    assertThat(created).asString().contains("type=public-key").contains("attachment=platform");
    int flags = ((Number) ((Map<?, ?>) created).get("flags")).intValue();
    assertThat(flags & 0x01).as("user present").isNotZero();
    assertThat(flags & 0x04).as("user verified").isNotZero();
    List<Credential> credentials = authenticator.getCredentials();
    assertThat(credentials).hasSize(1);
    assertThat(credentials.get(0).isResidentCredential()).isTrue();
    assertThat(credentials.get(0).getRpId()).isEqualTo("localhost");
  }

  @Test
  void saveEvidenceWhenAPageIsOpenThenScreenshotSourceAndLogsAreWritten(@TempDir Path directory) throws IOException {
    browser.open(localhost());
    assertThat(browser.textOf(By.id("greeting"))).isEqualTo("Hello");

    Path screenshot = browser.saveEvidence(directory, "page");

    assertThat(screenshot).isEqualTo(directory.resolve("page.png"));
    assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(directory.resolve("page.html")).content().startsWith("<!-- " + localhost() + " -->")
        .contains("id=\"greeting\"");
    assertThat(directory.resolve("page-console.log")).exists();
    assertThat(directory.resolve("page-chromedriver.log")).exists();
  }

  @Test
  void closeWhenDoneThenTheProfileIsDeleted() {
    Path workDir = browser.workDir();
    browser.open(localhost());
    assertThat(workDir.resolve("profile")).isDirectory();

    browser.close();
    browser = null;

    assertThat(workDir).doesNotExist();
  }
}
