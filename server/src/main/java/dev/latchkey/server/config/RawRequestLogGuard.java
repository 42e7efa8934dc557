package dev.latchkey.server.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Drops the DEBUG and TRACE output of the few loggers that print raw requests or handler arguments: at
 * those levels Tomcat logs whole request bodies (a typed pass, a client secret) and cookies, and Spring
 * MVC logs the arguments a controller receives. A turbo filter decides before any logger level does, so
 * turning logging up to TRACE for diagnosis can't make a secret appear in the log.
 */
public final class RawRequestLogGuard extends TurboFilter {

  private static final List<String> RAW_REQUEST_LOGGERS = List.of(
      "org.apache.coyote",
      "org.apache.tomcat.util.http",
      "org.apache.tomcat.util.net",
      "org.apache.tomcat.util.buf",
      "org.apache.catalina.connector",
      "org.springframework.web.method.HandlerMethod",
      "org.springframework.web.method.support",
      "org.springframework.web.servlet.mvc.method.annotation");

  /**
   * The answer per logger name: every {@code isDebugEnabled()} in the server asks this filter, dozens of
   * times per request, and there are only as many names as loggers.
   */
  private final Map<String, Boolean> guarded = new ConcurrentHashMap<>();

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || level.isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    return guarded.computeIfAbsent(logger.getName(), RawRequestLogGuard::printsRawRequests)
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  private static boolean printsRawRequests(String loggerName) {
    return RAW_REQUEST_LOGGERS.stream().anyMatch(loggerName::startsWith);
  }
}
