package dev.latchkey.server.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response body that carries a secret shown once (a new pass). It serializes like any map, but its
 * {@code toString} never reveals its values, so framework logging at DEBUG or TRACE ("Writing [...]")
 * can't print the secret.
 */
public final class SecretBearingBody extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  public SecretBearingBody(Map<String, Object> body) {
    super(body);
  }

  @Override
  public String toString() {
    return "{response with a secret; properties " + keySet() + "}";
  }
}
