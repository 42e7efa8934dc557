package dev.latchkey.server.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
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

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || level.isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    for (String prefix : RAW_REQUEST_LOGGERS) {
      if (name.startsWith(prefix)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
