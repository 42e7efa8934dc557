package dev.latchkey.server.config;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's encoder: Spring Boot's structured (JSON) logging when {@code logging.structured.format.console}
 * names a format ({@code ecs}, {@code logstash}, {@code gelf}), otherwise Boot's usual pattern. Boot only
 * makes that choice in its own configuration; Latchkey has its own (for {@link RawRequestLogGuard}), so it
 * makes it here.
 */
public final class ConsoleLogEncoder extends EncoderBase<ILoggingEvent> {

  private String structuredFormat;
  private String pattern;
  private Charset charset;
  private Encoder<ILoggingEvent> delegate;

  public void setStructuredFormat(String structuredFormat) {
    this.structuredFormat = structuredFormat;
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  @Override
  public void start() {
    if (structuredFormat != null && !structuredFormat.isBlank()) {
      StructuredLogEncoder structured = new StructuredLogEncoder();
      structured.setContext(getContext());
      structured.setFormat(structuredFormat.trim());
      structured.setCharset(charset);
      delegate = structured;
    } else {
      PatternLayoutEncoder patterned = new PatternLayoutEncoder();
      patterned.setContext(getContext());
      patterned.setPattern(pattern);
      patterned.setCharset(charset);
      delegate = patterned;
    }
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
