package dev.latchkey.server.security;

import dev.latchkey.server.graph.GraphErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers 401 and 403 on the API with the OData error envelope and Graph's codes. */
class GraphAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final GraphErrors errors;

  GraphAuthenticationErrors(GraphErrors errors) {
    this.errors = errors;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean tokenSent = request.getHeader("Authorization") != null;
    response.setHeader("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
    errors.write(request, response, HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", tokenSent
        ? "The access token is invalid or expired; get a new one from /oauth2/token."
        : "Access token is empty. Send 'Authorization: Bearer <token>' with a token from /oauth2/token.");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    errors.write(request, response, HttpStatus.FORBIDDEN, "accessDenied",
        "Insufficient privileges to complete the operation: the token lacks the permission this request needs.");
  }
}
