package dev.latchkey.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

  private static MockHttpServletRequest from(String peer, String forwardedFor) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(peer);
    if (forwardedFor != null) {
      request.addHeader("X-Forwarded-For", forwardedFor);
    }
    return request;
  }

  @Test
  void ofWhenNoTrustedProxyThenForwardedForIgnored() {
    assertThat(ClientAddress.of(from("198.51.100.4", "203.0.113.9"), Set.of())).isEqualTo("198.51.100.4");
  }

  @Test
  void ofWhenPeerIsTrustedProxyThenRightMostUntrustedForwardedAddress() {
    Set<String> proxies = Set.of("10.0.0.2", "10.0.0.3");

    assertThat(ClientAddress.of(from("10.0.0.2", "203.0.113.9, 192.0.2.1, 10.0.0.3"), proxies)).isEqualTo("192.0.2.1");
  }

  @Test
  void ofWhenClientForgesLeftMostForwardedEntryThenTheProxyAppendedOneCounts() {
    assertThat(ClientAddress.of(from("10.0.0.2", "1.2.3.4, 203.0.113.9"), Set.of("10.0.0.2"))).isEqualTo("203.0.113.9");
  }

  @Test
  void ofWhenTrustedProxySendsNoHeaderThenThePeer() {
    assertThat(ClientAddress.of(from("10.0.0.2", null), Set.of("10.0.0.2"))).isEqualTo("10.0.0.2");
  }
}
