package dev.latchkey.server.config;

import org.springframework.aot.AotDetector;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses a start on Spring's ahead-of-time (AOT) context when the configuration asks for beans that
 * context was built without. AOT ({@code process-aot}, run with {@code -Dspring.aot.enabled=true}) decides
 * every auto-configuration condition when the jar is built, with Latchkey's defaults. Of the settings
 * README.md and docs/operations.md document, only {@code management.server.port} changes such a decision
 * (a second server for {@code /actuator}); the AOT context would silently serve health and metrics on the
 * public port instead, and nothing on the management port (bench/aot-settings.sh, BENCHMARKS.md "Spring AOT,
 * evaluated"). Without AOT, this does nothing.
 */
public final class AheadOfTimeSettingsGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    check(event.getEnvironment(), AotDetector.useGeneratedArtifacts());
  }

  static void check(Environment environment, boolean aheadOfTime) {
    if (aheadOfTime && ManagementPortType.get(environment) != ManagementPortType.SAME) {
      throw new IllegalStateException("management.server.port=" + environment.getProperty("management.server.port")
          + " can't be served by this start: with -Dspring.aot.enabled=true the server runs the context its build"
          + " prepared, which serves /actuator on server.port. Start it without -Dspring.aot.enabled=true.");
    }
  }
}
