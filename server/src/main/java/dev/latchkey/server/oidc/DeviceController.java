package dev.latchkey.server.oidc;

import dev.latchkey.server.signin.SignInContinuation;
import dev.latchkey.server.signin.SignInSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a person sees when approving a device or a public application: where to type the device's
 * code, and the consent page that names the client and what it may do, with Allow and Refuse.
 */
@Controller
class DeviceController {

  static final String INVALID_CODE = "That code isn't valid or has expired. Check the code your device shows, "
      + "or start again on the device.";
  static final String TOO_MANY = "Too many wrong codes. Wait 15 minutes, then try again.";

  private final DeviceCodes deviceCodes;
  private final UserCodeAttempts attempts;
  private final ClientRegistry clients;

  DeviceController(DeviceCodes deviceCodes, UserCodeAttempts attempts, ClientRegistry clients) {
    this.deviceCodes = deviceCodes;
    this.attempts = attempts;
    this.clients = clients;
  }

  @GetMapping("/device")
  String codePage(@RequestParam Optional<String> approved, @RequestParam Optional<String> denied,
      @RequestParam Optional<String> error, @RequestParam(name = "user_code") Optional<String> userCode,
      Model model) {
    model.addAttribute("userCode", userCode.map(DeviceController::normalize).orElse(""));
    model.addAttribute("approved", approved.isPresent());
    model.addAttribute("denied", denied.isPresent());
    model.addAttribute("error", error.isPresent() ? INVALID_CODE : null);
    return "device/code";
  }

  /**
   * A link to the code check, as older versions' pages and continuations made: shows the code page with the
   * code filled in. Checking a code counts a wrong one against the person, so only the page's form (a POST
   * with its CSRF token) does it; a link another site opens in a signed-in browser can't use up their tries.
   */
  @GetMapping("/device/verify")
  String verifyLink(@RequestParam(name = "user_code", defaultValue = "") String typed) {
    return "redirect:/device?user_code=" + normalize(typed);
  }

  @PostMapping("/device/verify")
  String verify(@RequestParam(name = "user_code", defaultValue = "") String typed, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    String userCode = normalize(typed);
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (!(current instanceof SignInSession session)) {
      SignInContinuation.remember(request, "/device?user_code=" + userCode);
      return "redirect:/signin";
    }
    model.addAttribute("userCode", userCode);
    if (attempts.blocked(session.userId())) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(UserCodeAttempts.WINDOW.toSeconds()));
      model.addAttribute("error", TOO_MANY);
      return "device/code";
    }
    if (deviceCodes.clientOf(userCode).isEmpty()) {
      attempts.failed(session.userId());
      model.addAttribute("error", INVALID_CODE);
      return "device/code";
    }
    return "redirect:" + SignInGate.DEVICE_VERIFICATION + "?user_code=" + userCode;
  }

  @GetMapping("/device/consent")
  String deviceConsent(@RequestParam(name = "client_id") String clientId, @RequestParam String state,
      @RequestParam(name = "user_code") String userCode, @RequestParam(defaultValue = "") String scope, Model model) {
    return consent(clientId, state, normalize(userCode), scope, SignInGate.DEVICE_VERIFICATION, model);
  }

  @GetMapping("/oauth2/consent")
  String applicationConsent(@RequestParam(name = "client_id") String clientId, @RequestParam String state,
      @RequestParam(defaultValue = "") String scope, Model model) {
    return consent(clientId, state, null, scope, SignInGate.AUTHORIZE, model);
  }

  private String consent(String clientId, String state, String userCode, String scope, String action, Model model) {
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      model.addAttribute("error", INVALID_CODE);
      return "device/code";
    }
    SignInSession session = (SignInSession) SecurityContextHolder.getContext().getAuthentication();
    List<String> scopes = Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank())
        .filter(s -> !OidcScopes.OPENID.equals(s)).toList();
    model.addAttribute("clientName", client.getClientName());
    model.addAttribute("clientId", clientId);
    model.addAttribute("state", state);
    model.addAttribute("userCode", userCode);
    model.addAttribute("scopes", scopes);
    model.addAttribute("action", action);
    model.addAttribute("userPrincipalName", session.userPrincipalName());
    return "device/consent";
  }

  /** What a person types, as the server issued it: upper case, {@code ABCD-EFGH}. */
  static String normalize(String typed) {
    String letters = typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    if (letters.length() == 8) {
      return letters.substring(0, 4) + "-" + letters.substring(4);
    }
    return letters.length() > 32 ? letters.substring(0, 32) : letters;
  }
}
