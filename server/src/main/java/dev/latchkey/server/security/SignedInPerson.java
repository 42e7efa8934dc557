package dev.latchkey.server.security;

/** A browser session's authentication: the person it belongs to. */
public interface SignedInPerson {

  String userId();

  String userPrincipalName();
}
