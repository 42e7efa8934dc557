package dev.latchkey.server.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops the DEBUG and TRACE output of the few loggers that print raw requests or handler arguments: at
 * those levels Tomcat logs whole request bodies (a typed pass, a client secret) and cookies, and Spring
 * MVC logs the arguments a controller receives. It sits on every appender of {@code logback-spring.xml}, so
 * turning logging up to TRACE for diagnosis can't make a secret appear in the log.
 *
 * <p>An appender's filter sees only the events that some logger's level let through, which at the default
 * INFO are few; a turbo filter, which did this job before, was asked on every {@code isDebugEnabled()} in the
 * server, hundreds of times per request, whatever the levels.
 */
public final class RawRequestLogGuard extends Filter<ILoggingEvent> {

  private static final List<String> RAW_REQUEST_LOGGERS = List.of(
      "org.apache.coyote",
      "org.apache.tomcat.util.http",
      "org.apache.tomcat.util.net",
      "org.apache.tomcat.util.buf",
      "org.apache.catalina.connector",
      "org.springframework.web.method.HandlerMethod",
      "org.springframework.web.method.support",
      "org.springframework.web.servlet.mvc.method.annotation");

  /** The answer per logger name: there are only as many names as loggers. */
  private final Map<String, Boolean> guarded = new ConcurrentHashMap<>();

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    return guarded.computeIfAbsent(event.getLoggerName(), RawRequestLogGuard::printsRawRequests)
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  private static boolean printsRawRequests(String loggerName) {
    return RAW_REQUEST_LOGGERS.stream().anyMatch(loggerName::startsWith);
  }
}
