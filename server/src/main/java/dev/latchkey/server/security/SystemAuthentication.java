package dev.latchkey.server.security;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * Latchkey itself as the actor of a change nobody requested, such as creating the first administrator
 * on first start. Audit entries name it as the app {@code latchkey}.
 */
public final class SystemAuthentication extends AbstractAuthenticationToken {

  @Serial
  private static final long serialVersionUID = 1L;
  public static final String ID = "latchkey";
  public static final String NAME = "Latchkey (first start)";

  public SystemAuthentication() {
    super(List.of());
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return ID;
  }
}
