package dev.latchkey.server.oidc;

import dev.latchkey.core.strength.AuthenticationStrength;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An application that signs its users in through Latchkey (Graph's {@code application}).
 *
 * @param id the object id
 * @param appId the client id the application presents
 * @param displayName a name people recognise on the sign-in and consent pages
 * @param webRedirectUris redirect URIs of a web application (a confidential client)
 * @param publicRedirectUris redirect URIs of a native or command-line application
 * @param publicClient true for a client that can't keep a secret: it authenticates with PKCE only
 * @param requiredStrength how strongly a person must have signed in to use it
 * @param delegatedPermissions the Graph permissions it may ask for on a person's behalf; the person's own
 *     admin roles still bound what it can do
 * @param createdAt when it was registered
 */
public record Application(String id, String appId, String displayName, List<String> webRedirectUris,
    List<String> publicRedirectUris, boolean publicClient, AuthenticationStrength requiredStrength,
    List<String> delegatedPermissions, Instant createdAt) {

  public Application {
    Objects.requireNonNull(requiredStrength, "requiredStrength");
    webRedirectUris = List.copyOf(webRedirectUris);
    publicRedirectUris = List.copyOf(publicRedirectUris);
    delegatedPermissions = List.copyOf(delegatedPermissions);
  }

  /** Every redirect URI a request may name; each must match exactly. */
  public List<String> redirectUris() {
    return java.util.stream.Stream.concat(webRedirectUris.stream(), publicRedirectUris.stream()).distinct().toList();
  }
}
