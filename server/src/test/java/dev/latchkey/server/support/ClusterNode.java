package dev.latchkey.server.support;

import dev.latchkey.server.LatchkeyApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Latchkey node started by a test, in this JVM or (through {@link #main}) in a process of its own,
 * listening on 127.0.0.1. Nodes of one cluster share the database, the hashing key, the bootstrap client
 * and the public base URL; each has its own port, data directory and clock ({@link NodeClockConfiguration}).
 */
public final class ClusterNode implements AutoCloseable {

  public static final String ADMIN_ID = "cluster-admin";
  public static final String ADMIN_SECRET = "cluster-admin-secret-that-is-long-enough-0123456789";
  /** The hashing key every node of a test cluster shares (base64 of 32 bytes). */
  public static final String HASHING_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

  private final String name;
  private final ConfigurableApplicationContext context;
  private GraphClient admin;

  private ClusterNode(String name, ConfigurableApplicationContext context) {
    this.name = name;
    this.context = context;
  }

  /**
   * The settings of a node named {@code name} on the database at {@code jdbcUrl}, reached by people at
   * {@code baseUrl}; add to or change them before {@link #start}.
   */
  public static Map<String, String> properties(String name, String jdbcUrl, String baseUrl) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.application.name", name);
    properties.put("server.address", "127.0.0.1");
    properties.put("server.port", "0");
    properties.put("latchkey.base-url", baseUrl);
    properties.put("latchkey.data-dir", temporaryDirectory(name));
    properties.put("latchkey.hashing.keys.k1", HASHING_KEY);
    properties.put("latchkey.bootstrap.client-id", ADMIN_ID);
    properties.put("latchkey.bootstrap.client-secret", ADMIN_SECRET);
    properties.put("latchkey.signin.address-failures", "1000000");
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.hikari.maximum-pool-size", "10");
    return properties;
  }

  /** Starts a node in this JVM and returns once it serves requests. */
  public static ClusterNode start(Map<String, String> properties) {
    return new ClusterNode(properties.get("spring.application.name"), application().run(arguments(properties)));
  }

  /** Starts a node as the main program of its own JVM; the arguments are {@code --name=value} settings. */
  public static void main(String[] args) {
    application().run(args);
  }

  /** The settings as command-line arguments, which outrank application.properties. */
  public static String[] arguments(Map<String, String> properties) {
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(LatchkeyApplication.class, NodeClockConfiguration.class)
        .initializers(context -> context.getBeanFactory().registerSingleton("excludeTestConfigurations",
            new ExcludeTestConfigurations()));
  }

  public String name() {
    return name;
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public MutableClock clock() {
    return context.getBean(MutableClock.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public Object bean(String beanName) {
    return context.getBean(beanName);
  }

  /** Statements against the cluster's database, through this node's pool. */
  public JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }

  /** A client with every permission, its token from this node. */
  public synchronized GraphClient admin() {
    if (admin == null) {
      admin = GraphClient.withClientCredentials(port(), ADMIN_ID, ADMIN_SECRET);
    }
    return admin;
  }

  public GraphClient anonymous() {
    return GraphClient.anonymous(port());
  }

  /** A browser with an empty cookie jar, talking to this node. */
  public BrowserSession browser() {
    return new BrowserSession(port());
  }

  /**
   * Moves this node's clock; nodes of a cluster are moved together. The admin client gets a new token on
   * its next use, since tokens are checked by the moved clock.
   */
  public synchronized void advance(Duration duration) {
    clock().advance(duration);
    admin = null;
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return name;
  }

  private static String temporaryDirectory(String name) {
    try {
      return Files.createTempDirectory("latchkey-" + name).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps the tests' own configurations ({@code @TestConfiguration}, such as the movable clock of the
   * single-server tests) out of a node's component scan, as Spring Boot's test support does for its tests.
   */
  static final class ExcludeTestConfigurations extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ExcludeTestConfigurations;
    }

    @Override
    public int hashCode() {
      return ExcludeTestConfigurations.class.hashCode();
    }
  }
}
