package dev.latchkey.server.admin;

import dev.latchkey.core.RuleViolation;
import dev.latchkey.core.policy.Fido2Policy;
import dev.latchkey.core.policy.PolicyTarget;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.passkey.Fido2PolicyService;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.tap.TapPolicyService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editors of the Temporary Access Pass and passkey (FIDO2) policies. A form becomes the same Graph
 * PATCH the API takes, so the same rules refuse it; a refusal is shown next to the field it names.
 */
@Controller
@RequestMapping("/admin/policies")
class PolicyPageController {

  private static final List<String> TAP_NUMBERS = List.of("defaultLifetimeInMinutes", "minimumLifetimeInMinutes",
      "maximumLifetimeInMinutes", "defaultLength");
  private static final List<String> FIELDS = List.of("defaultLifetimeInMinutes", "minimumLifetimeInMinutes",
      "maximumLifetimeInMinutes", "defaultLength", "includeTargets", "excludeTargets", "keyRestrictions.aaGuids",
      "keyRestrictions", "state");

  private final TapPolicyService tapPolicy;
  private final Fido2PolicyService fido2Policy;
  private final AdminRights rights;
  private final JsonMapper json;

  PolicyPageController(TapPolicyService tapPolicy, Fido2PolicyService fido2Policy, AdminRights rights,
      JsonMapper json) {
    this.tapPolicy = tapPolicy;
    this.fido2Policy = fido2Policy;
    this.rights = rights;
    this.json = json;
  }

  @GetMapping("/tap")
  String tap(Model model) {
    rights.require(AdminAction.READ_POLICY, null);
    TapPolicy policy = tapPolicy.current();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("state", policy.state().graphName());
    form.put("defaultLifetimeInMinutes", String.valueOf(policy.defaultLifetimeInMinutes()));
    form.put("minimumLifetimeInMinutes", String.valueOf(policy.minimumLifetimeInMinutes()));
    form.put("maximumLifetimeInMinutes", String.valueOf(policy.maximumLifetimeInMinutes()));
    form.put("defaultLength", String.valueOf(policy.defaultLength()));
    form.put("isUsableOnce", String.valueOf(policy.isUsableOnce()));
    form.put("includeTargets", lines(policy.targeting().includeTargets()));
    form.put("excludeTargets", lines(policy.targeting().excludeTargets()));
    return page("admin/policy-tap", form, Map.of(), model);
  }

  @PostMapping("/tap")
  String saveTap(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("@odata.type", TapPolicyService.ODATA_TYPE);
    patch.put("state", "enabled".equals(form.get("state")) ? "enabled" : "disabled");
    for (String field : TAP_NUMBERS) {
      patch.put(field, number(form, field, errors));
    }
    patch.put("isUsableOnce", "true".equals(form.get("isUsableOnce")));
    patch.put("includeTargets", targets(form, "includeTargets", errors));
    patch.put("excludeTargets", targets(form, "excludeTargets", errors));
    return save(() -> tapPolicy.update(tree(patch)), "admin/policy-tap", "/admin/policies/tap", form, errors,
        model, response);
  }

  @GetMapping("/fido2")
  String fido2(Model model) {
    rights.require(AdminAction.READ_POLICY, null);
    Fido2Policy policy = fido2Policy.current();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("state", policy.state().graphName());
    form.put("isSelfServiceRegistrationAllowed", String.valueOf(policy.isSelfServiceRegistrationAllowed()));
    form.put("isAttestationEnforced", String.valueOf(policy.isAttestationEnforced()));
    form.put("isEnforced", String.valueOf(policy.keyRestrictions().isEnforced()));
    form.put("enforcementType", policy.keyRestrictions().enforcementType().graphName());
    form.put("aaGuids", String.join("\n", policy.keyRestrictions().aaGuids()));
    form.put("includeTargets", lines(policy.targeting().includeTargets()));
    form.put("excludeTargets", lines(policy.targeting().excludeTargets()));
    return page("admin/policy-fido2", form, Map.of(), model);
  }

  @PostMapping("/fido2")
  String saveFido2(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("@odata.type", Fido2PolicyService.ODATA_TYPE);
    patch.put("state", "enabled".equals(form.get("state")) ? "enabled" : "disabled");
    patch.put("isSelfServiceRegistrationAllowed", "true".equals(form.get("isSelfServiceRegistrationAllowed")));
    patch.put("isAttestationEnforced", "true".equals(form.get("isAttestationEnforced")));
    Map<String, Object> restrictions = new LinkedHashMap<>();
    restrictions.put("isEnforced", "true".equals(form.get("isEnforced")));
    restrictions.put("enforcementType", "allow".equals(form.get("enforcementType")) ? "allow" : "block");
    restrictions.put("aaGuids", split(form.get("aaGuids")));
    patch.put("keyRestrictions", restrictions);
    patch.put("includeTargets", targets(form, "includeTargets", errors));
    patch.put("excludeTargets", targets(form, "excludeTargets", errors));
    return save(() -> fido2Policy.update(tree(patch)), "admin/policy-fido2", "/admin/policies/fido2", form,
        errors, model, response);
  }

  /** Applies the change unless the form itself was already wrong; a refusal lands next to its field. */
  private String save(Runnable change, String view, String path, Map<String, String> form, Map<String, String> errors,
      Model model, HttpServletResponse response) {
    if (errors.isEmpty()) {
      try {
        change.run();
        return "redirect:" + path + "?saved";
      } catch (GraphException e) {
        if (e.status() == HttpStatus.FORBIDDEN) {
          throw e;
        }
        errors.put(fieldOf(e.getMessage()), e.getMessage());
      } catch (RuleViolation e) {
        errors.put(fieldOf(e.getMessage()), e.getMessage());
      }
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(view, form, errors, model);
  }

  private String page(String view, Map<String, String> form, Map<String, String> errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("mayEdit", rights.allows(AdminAction.EDIT_POLICY, null));
    return view;
  }

  private JsonNode tree(Map<String, Object> patch) {
    return json.valueToTree(patch);
  }

  /** The field a rule's message starts with, e.g. "defaultLength is 4; ..."; "form" when it names none. */
  private static String fieldOf(String message) {
    return FIELDS.stream().filter(field -> message.startsWith(field)).findFirst().orElse("form");
  }

  private static Integer number(Map<String, String> form, String field, Map<String, String> errors) {
    String value = form.getOrDefault(field, "").strip();
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      errors.put(field, field + " must be a whole number; '" + value + "' isn't one.");
      return null;
    }
  }

  /** One target a line: {@code all_users}, {@code group:<id>} or {@code user:<id>}. */
  private static List<Map<String, Object>> targets(Map<String, String> form, String field, Map<String, String> errors) {
    List<Map<String, Object>> targets = new ArrayList<>();
    for (String line : split(form.get(field))) {
      Map<String, Object> target = new LinkedHashMap<>();
      if (line.equals(PolicyTarget.ALL_USERS)) {
        target.put("targetType", "group");
        target.put("id", PolicyTarget.ALL_USERS);
      } else if (line.startsWith("group:") || line.startsWith("user:")) {
        target.put("targetType", line.substring(0, line.indexOf(':')));
        target.put("id", line.substring(line.indexOf(':') + 1).strip());
      } else {
        errors.put(field, field + ": '" + line + "' is not a target; write one a line: all_users, group:<id> or "
            + "user:<id>.");
        continue;
      }
      targets.add(target);
    }
    return targets;
  }

  private static List<String> split(String text) {
    if (text == null) {
      return List.of();
    }
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static String lines(List<PolicyTarget> targets) {
    return targets.stream().map(target -> PolicyTarget.ALL_USERS.equals(target.id()) ? PolicyTarget.ALL_USERS
        : target.targetType().graphName() + ":" + target.id()).collect(Collectors.joining("\n"));
  }
}
