package dev.latchkey.server.oidc;

import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.core.strength.AuthenticationStrength;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditEvent.ModifiedProperty;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.Ids;
import dev.latchkey.server.security.Permissions;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the applications that sign people in through Latchkey and mints their client secrets. Every
 * change is audited; a secret is returned once, when it is created, and only its keyed hash is kept.
 */
@Service
public class ApplicationService {

  /** Graph's default and Latchkey's maximum lifetime of a client secret. */
  static final Duration MAX_SECRET_LIFETIME = Duration.ofDays(730);
  private static final int SECRET_BYTES = 32;
  private static final int MAX_REDIRECT_URIS = 100;
  private static final int MAX_URI_LENGTH = 1000;
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final ApplicationRepository applications;
  private final KeyedHasher hasher;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApplicationService(ApplicationRepository applications, KeyedHasher hasher, AuditLog audit, Clock clock) {
    this.applications = applications;
    this.hasher = hasher;
    this.audit = audit;
    this.clock = clock;
  }

  /** What an application is registered with or changed to; a null part keeps the current value. */
  public record Registration(String displayName, List<String> webRedirectUris, List<String> publicRedirectUris,
      Boolean publicClient, String requiredStrength, List<String> delegatedPermissions) {}

  @Transactional
  public Application register(Registration registration) {
    if (registration.displayName() == null) {
      throw GraphException.badRequest("displayName is required: the name people see when they sign in.");
    }
    Application application = new Application(Ids.newId(), Ids.newId(), validName(registration.displayName()),
        validUris(orEmpty(registration.webRedirectUris()), false),
        validUris(orEmpty(registration.publicRedirectUris()), true),
        Boolean.TRUE.equals(registration.publicClient()),
        registration.requiredStrength() == null ? AuthenticationStrength.PHISHING_RESISTANT
            : validStrength(registration.requiredStrength()),
        validPermissions(orEmpty(registration.delegatedPermissions())), now());
    applications.insert(application);
    audit.record(event("Add application", "Add", application, List.of(
        ModifiedProperty.added("DisplayName", application.displayName()),
        ModifiedProperty.added("RequiredAuthenticationStrength", application.requiredStrength().displayName()))));
    return application;
  }

  @Transactional
  public Application update(String id, Registration change) {
    Application current = get(id);
    Application changed = new Application(current.id(), current.appId(),
        change.displayName() == null ? current.displayName() : validName(change.displayName()),
        change.webRedirectUris() == null ? current.webRedirectUris() : validUris(change.webRedirectUris(), false),
        change.publicRedirectUris() == null ? current.publicRedirectUris() : validUris(change.publicRedirectUris(), true),
        change.publicClient() == null ? current.publicClient() : change.publicClient(),
        change.requiredStrength() == null ? current.requiredStrength() : validStrength(change.requiredStrength()),
        change.delegatedPermissions() == null ? current.delegatedPermissions()
            : validPermissions(change.delegatedPermissions()),
        current.createdAt());
    applications.update(changed);
    List<ModifiedProperty> modified = new ArrayList<>();
    if (!changed.displayName().equals(current.displayName())) {
      modified.add(new ModifiedProperty("DisplayName", current.displayName(), changed.displayName()));
    }
    if (changed.requiredStrength() != current.requiredStrength()) {
      modified.add(new ModifiedProperty("RequiredAuthenticationStrength", current.requiredStrength().displayName(),
          changed.requiredStrength().displayName()));
    }
    if (!changed.redirectUris().equals(current.redirectUris())) {
      modified.add(new ModifiedProperty("RedirectUris", String.join(" ", current.redirectUris()),
          String.join(" ", changed.redirectUris())));
    }
    audit.record(event("Update application", "Update", changed, modified));
    return changed;
  }

  public Application get(String id) {
    return applications.find(Ids.requireGuid(id, "application id"))
        .orElseThrow(() -> GraphException.notFound("Application '" + id + "' does not exist."));
  }

  /** The application with this client id, for the authorization server; empty when there is none. */
  public Optional<Application> findByAppId(String appId) {
    return applications.findByAppId(appId);
  }

  public List<Application> list(String afterId, int limit) {
    return applications.list(afterId, limit);
  }

  @Transactional
  public void delete(String id) {
    Application application = get(id);
    applications.delete(application.id());
    audit.record(event("Delete application", "Delete", application, List.of()));
  }

  /** The secrets of an application, without their values. */
  public List<PasswordCredential> passwordsOf(Application application) {
    return applications.passwordsOf(application.id()).stream().map(PasswordCredential::of).toList();
  }

  /** The hashes of the secrets valid now, for the token endpoint. */
  List<ApplicationPassword> validPasswordsOf(Application application) {
    Instant now = clock.instant();
    return applications.passwordsOf(application.id()).stream().filter(password -> password.isValidAt(now)).toList();
  }

  /**
   * Mints a client secret, valid from now until {@code endAt} (at most two years; two years when null).
   * The returned credential carries the secret; it can't be read again.
   */
  @Transactional
  public PasswordCredential addPassword(String id, String displayName, Instant endAt) {
    Application application = get(id);
    if (application.publicClient()) {
      throw GraphException.badRequest("Application '" + application.displayName() + "' is a public client: it signs "
          + "in with PKCE and has no secret. Set isFallbackPublicClient to false first.");
    }
    if (displayName != null && displayName.length() > 256) {
      throw GraphException.badRequest("passwordCredential.displayName must be at most 256 characters.");
    }
    Instant start = now();
    Instant end = endAt == null ? start.plus(MAX_SECRET_LIFETIME) : endAt.truncatedTo(ChronoUnit.MICROS);
    if (!end.isAfter(start) || end.isAfter(start.plus(MAX_SECRET_LIFETIME))) {
      throw GraphException.badRequest("passwordCredential.endDateTime must be in the future and at most two years "
          + "from now.");
    }
    String secret = newSecret();
    ApplicationPassword password = new ApplicationPassword(Ids.newId(), application.id(), displayName,
        secret.substring(0, 3), hasher.hash(secret), start, end);
    applications.insertPassword(password);
    audit.record(event("Update application – Certificates and secrets management", "Update", application, List.of(
        ModifiedProperty.added("KeyDescription", "[KeyIdentifier=" + password.keyId() + ",KeyType=Password,"
            + "KeyUsage=Verify,DisplayName=" + (displayName == null ? "" : displayName) + "]"))));
    return PasswordCredential.of(password).withSecret(secret);
  }

  @Transactional
  public void removePassword(String id, String keyId) {
    Application application = get(id);
    if (keyId == null || !applications.deletePassword(application.id(), keyId.strip().toLowerCase(Locale.ROOT))) {
      throw GraphException.notFound("Application '" + application.displayName() + "' has no secret with keyId '"
          + keyId + "'.");
    }
    audit.record(event("Update application – Certificates and secrets management", "Update", application, List.of(
        ModifiedProperty.removed("KeyDescription", "[KeyIdentifier=" + keyId + ",KeyType=Password]"))));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String validName(String displayName) {
    if (displayName.isBlank() || displayName.length() > 256) {
      throw GraphException.badRequest("displayName must be 1 to 256 characters.");
    }
    return displayName.strip();
  }

  private static AuthenticationStrength validStrength(String strength) {
    return AuthenticationStrength.find(strength).orElseThrow(() -> GraphException.badRequest(
        "requiredAuthenticationStrength '" + strength + "' is unknown. Use mfa, passwordless or phishing-resistant "
            + "(or the id of Entra's built-in strength policy)."));
  }

  private static List<String> validPermissions(List<String> permissions) {
    for (String permission : permissions) {
      if (!Permissions.ALL.contains(permission)) {
        throw GraphException.badRequest("delegatedPermissions: '" + permission + "' is not a Graph permission "
            + "Latchkey grants. Use any of " + String.join(", ", Permissions.ALL) + ".");
      }
    }
    return permissions.stream().distinct().toList();
  }

  /**
   * Redirect URIs must be absolute, without a fragment, and use https, except loopback addresses (a local
   * development server or a native app's listener) and, for a public client, an app's private scheme.
   */
  private static List<String> validUris(List<String> uris, boolean publicClient) {
    if (uris.size() > MAX_REDIRECT_URIS) {
      throw GraphException.badRequest("At most " + MAX_REDIRECT_URIS + " redirect URIs per application.");
    }
    for (String uri : uris) {
      String problem = redirectUriProblem(uri, publicClient);
      if (problem != null) {
        throw GraphException.badRequest("Redirect URI '" + uri + "' " + problem);
      }
    }
    return uris.stream().distinct().toList();
  }

  private static String redirectUriProblem(String uri, boolean publicClient) {
    if (uri == null || uri.isBlank() || uri.length() > MAX_URI_LENGTH || uri.chars().anyMatch(Character::isWhitespace)) {
      return "must be 1 to " + MAX_URI_LENGTH + " characters without spaces.";
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return "is not a valid URI: " + e.getReason() + ".";
    }
    if (!parsed.isAbsolute() || parsed.getFragment() != null) {
      return "must be an absolute URI without a fragment (#).";
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return null;
    }
    if (scheme.equals("http")) {
      return parsed.getHost() != null && LOOPBACK_HOSTS.contains(parsed.getHost().toLowerCase(Locale.ROOT)) ? null
          : "must use https; plain http is allowed only for localhost, 127.0.0.1 and [::1].";
    }
    return publicClient && !Set.of("javascript", "data", "file", "vbscript").contains(scheme) ? null
        : "must use https (a private scheme such as com.example.app:/callback is allowed for public clients only).";
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static AuditEvent event(String activity, String operation, Application application,
      List<ModifiedProperty> modified) {
    return new AuditEvent("ApplicationManagement", activity, operation, "", "Core Directory", List.of(
        new AuditEvent.TargetResource(application.id(), application.displayName(), "Application", null, modified)));
  }
}
