package dev.latchkey.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The address a request came from: the TCP peer, unless that peer is a configured trusted proxy, in which
 * case the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Without trusted
 * proxies the header is ignored, so a client can't choose its own address.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(HttpServletRequest request, Set<String> trustedProxies) {
    String peer = request.getRemoteAddr();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
