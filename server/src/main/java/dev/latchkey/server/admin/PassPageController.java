package dev.latchkey.server.admin;

import dev.latchkey.core.RuleViolation;
import dev.latchkey.core.pass.PassRequest;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.tap.PassService;
import dev.latchkey.server.tap.TapPolicyService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Issuing a pass (the dialog and the page that shows it, once) and deleting a pass or a passkey. The pass
 * is rendered into the answer to the POST that created it, so it is never in a URL, a redirect or a log,
 * and the page is not stored by the browser.
 */
@Controller
@RequestMapping("/admin/users/{id}")
class PassPageController {

  private final UserService users;
  private final PassService passes;
  private final PasskeyService passkeys;
  private final TapPolicyService tapPolicy;
  private final AdminRights rights;
  private final LatchkeyProperties properties;

  PassPageController(UserService users, PassService passes, PasskeyService passkeys, TapPolicyService tapPolicy,
      AdminRights rights, LatchkeyProperties properties) {
    this.users = users;
    this.passes = passes;
    this.passkeys = passkeys;
    this.tapPolicy = tapPolicy;
    this.rights = rights;
    this.properties = properties;
  }

  @GetMapping("/pass")
  String dialog(@PathVariable String id, Model model) {
    User user = users.get(id);
    rights.require(AdminAction.MANAGE_METHODS, user.id());
    TapPolicy policy = tapPolicy.current();
    return dialog(user, new PassForm(policy.defaultLifetimeInMinutes(), policy.isUsableOnce(), ""), null,
        model);
  }

  @PostMapping("/pass")
  String issue(@PathVariable String id, PassForm form, Model model, HttpServletResponse response) {
    User user = users.get(id);
    try {
      PassService.NewPass issued = passes.issue(user, new PassRequest(start(form.startDateTime()),
          form.lifetimeInMinutes(), form.once()));
      String signInUrl = properties.link("/signin");
      response.setHeader("Cache-Control", "no-store");
      model.addAttribute("user", user);
      model.addAttribute("secret", issued.secret());
      model.addAttribute("pass", issued.pass());
      model.addAttribute("usability", issued.usability());
      model.addAttribute("signInUrl", signInUrl);
      model.addAttribute("qrCode", ZxingQrCode.pngDataUri(signInUrl));
      return "admin/pass-issued";
    } catch (GraphException e) {
      if (e.status() == HttpStatus.FORBIDDEN) {
        throw e;
      }
      response.setStatus(e.status().value());
      return dialog(user, form, e.getMessage(), model);
    } catch (RuleViolation e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return dialog(user, form, e.getMessage(), model);
    }
  }

  @PostMapping("/pass/delete")
  String deletePass(@PathVariable String id, @RequestParam String passId) {
    User user = users.get(id);
    passes.delete(user, passId);
    return "redirect:/admin/users/" + user.id() + "?passDeleted";
  }

  @PostMapping("/passkeys/delete")
  String deletePasskey(@PathVariable String id, @RequestParam String credentialId) {
    User user = users.get(id);
    passkeys.delete(user, credentialId);
    return "redirect:/admin/users/" + user.id() + "?passkeyDeleted";
  }

  private String dialog(User user, PassForm form, String error, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("policy", tapPolicy.current());
    model.addAttribute("form", form);
    model.addAttribute("error", error);
    return "admin/pass-new";
  }

  /** A {@code datetime-local} value, read as UTC; empty for "now". */
  private static Instant start(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw GraphException.badRequest("The start time '" + value + "' is not a date and time such as "
          + "2026-12-01T08:00 (UTC); leave it empty to start now.");
    }
  }

  /**
   * The fields of the dialog.
   *
   * @param lifetimeInMinutes null when left empty (the policy's default applies)
   * @param isUsableOnce a checkbox: null when not ticked
   * @param startDateTime a {@code datetime-local} value in UTC; empty to start now
   */
  record PassForm(Integer lifetimeInMinutes, Boolean isUsableOnce, String startDateTime) {

    public boolean once() {
      return Boolean.TRUE.equals(isUsableOnce);
    }
  }
}
