package dev.latchkey.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Latchkey's own settings ({@code latchkey.*}); README.md documents each one.
 *
 * @param baseUrl the public URL of the service; every link it returns or prints is built from it, never
 *     from the request's {@code Host} or {@code X-Forwarded-*} headers
 * @param dataDir where the embedded database and the generated hashing key live
 * @param hashing the keys for keyed hashing of passes and client secrets
 * @param bootstrap the API client created on first start
 */
@ConfigurationProperties("latchkey")
public record LatchkeyProperties(URI baseUrl, Path dataDir, Hashing hashing, Bootstrap bootstrap) {

  public LatchkeyProperties {
    if (baseUrl == null) {
      baseUrl = URI.create("http://localhost:8080");
    }
    String url = baseUrl.toString();
    if (url.endsWith("/")) {
      baseUrl = URI.create(url.substring(0, url.length() - 1));
    }
    if (dataDir == null) {
      dataDir = Path.of("data");
    }
    if (hashing == null) {
      hashing = new Hashing(null, new LinkedHashMap<>());
    }
    if (bootstrap == null) {
      bootstrap = new Bootstrap(null, null);
    }
  }

  /** The origin of the base URL (scheme, host, port; no path): the one origin passkeys are accepted from. */
  public String origin() {
    return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() == -1 ? "" : ":" + baseUrl.getPort());
  }

  /** The passkey relying-party id: the base URL's host name. */
  public String relyingPartyId() {
    return baseUrl.getHost();
  }

  /** The base URL followed by {@code path}, which starts with '/'. */
  public String link(String path) {
    return baseUrl + path;
  }

  /**
   * Hashing keys given by configuration, needed when several nodes share a database. When {@code keys} is
   * empty, the server creates one key in {@code data-dir} on first start.
   *
   * @param currentKeyId the key that hashes new secrets; must be one of {@code keys}
   * @param keys key id to base64-encoded secret of at least 32 bytes
   */
  public record Hashing(String currentKeyId, Map<String, String> keys) {

    public Hashing {
      keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
  }

  /**
   * A fixed id and secret for the bootstrap API client, for automated installs
   * ({@code LATCHKEY_BOOTSTRAP_CLIENT_ID} and {@code LATCHKEY_BOOTSTRAP_CLIENT_SECRET}). When absent, the
   * first start generates both and prints them once.
   */
  public record Bootstrap(String clientId, String clientSecret) {}
}
