package dev.latchkey.server.signin;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings ({@code latchkey.signin.*}); README.md documents each one.
 *
 * @param registrationWindow how long a session from a one-time pass may register methods
 * @param lockoutThreshold failed pass attempts on one account before pass sign-in locks
 * @param firstLock the first lock's length; each further failure doubles it
 * @param longestLock the cap of the doubling
 * @param addressFailures failed attempts one client address may make within {@code addressWindow}
 * @param addressWindow the window of {@code addressFailures}
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param passkeySessionLifetime how long a session from a passkey lasts at most
 * @param passwordSessionLifetime how long a session from a password lasts at most
 * @param csrfCookie whether a browser without a session keeps its CSRF token in a cookie (else a session is
 *     made for it, as versions before the cookie did: for a rolling upgrade from one of them)
 */
@ConfigurationProperties("latchkey.signin")
record SignInProperties(Duration registrationWindow, Integer lockoutThreshold, Duration firstLock,
    Duration longestLock, Integer addressFailures, Duration addressWindow, Set<String> trustedProxies, Duration passkeySessionLifetime,
    Duration passwordSessionLifetime, Boolean csrfCookie) {

  SignInProperties {
    registrationWindow = registrationWindow == null ? Duration.ofMinutes(10) : registrationWindow;
    lockoutThreshold = lockoutThreshold == null ? 10 : lockoutThreshold;
    firstLock = firstLock == null ? Duration.ofMinutes(1) : firstLock;
    longestLock = longestLock == null ? Duration.ofHours(1) : longestLock;
    addressFailures = addressFailures == null ? 100 : addressFailures;
    addressWindow = addressWindow == null ? Duration.ofMinutes(5) : addressWindow;
    trustedProxies = trustedProxies == null ? Set.of() : Set.copyOf(trustedProxies);
    passkeySessionLifetime = passkeySessionLifetime == null ? Duration.ofHours(12) : passkeySessionLifetime;
    passwordSessionLifetime = passwordSessionLifetime == null ? Duration.ofHours(8) : passwordSessionLifetime;
    csrfCookie = csrfCookie == null ? Boolean.TRUE : csrfCookie;
  }
}
