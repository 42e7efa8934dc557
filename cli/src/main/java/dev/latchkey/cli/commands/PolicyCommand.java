package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code latchkey policy}: the authentication methods policy's {@code TemporaryAccessPass} and {@code Fido2}
 * configurations ({@code Get-/Update-MgPolicyAuthenticationMethodPolicyAuthenticationMethodConfiguration}).
 */
@Command(name = "policy", description = "Read and change the pass and passkey policies.",
    mixinStandardHelpOptions = true,
    subcommands = {PolicyCommand.TapPolicy.class, PolicyCommand.Fido2Policy.class},
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey policy tap get", "  latchkey policy tap set --max-lifetime 480 --once true",
        "  latchkey policy fido2 set --self-service false"})
public final class PolicyCommand {

  private static final String CONFIGURATIONS = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/";

  private PolicyCommand() {}

  /** {@code policy tap get|set}. */
  @Command(name = "tap", description = "The Temporary Access Pass policy.", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey policy tap get", "  latchkey policy tap set --default-lifetime 120 --max-lifetime 480"})
  public static final class TapPolicy extends GraphCommand {

    private static final String PATH = CONFIGURATIONS + "TemporaryAccessPass";
    private static final List<Column> COLUMNS = List.of(Column.property("state"),
        Column.property("defaultLifetimeInMinutes"), Column.property("minimumLifetimeInMinutes"),
        Column.property("maximumLifetimeInMinutes"), Column.property("defaultLength"),
        Column.property("isUsableOnce"), new Column("includeTargets", policy -> targets(policy, "includeTargets")),
        new Column("excludeTargets", policy -> targets(policy, "excludeTargets")));

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows the pass policy.",
        footerHeading = "%nExamples:%n", footer = {"  latchkey policy tap get", "  latchkey policy tap get -o json"})
    int get() {
      printer().entity(graph().get(PATH), COLUMNS);
      return ExitCodes.SUCCESS;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Changes the pass policy and shows the result. Only the options given change; an invalid "
            + "combination is refused (exit 1) and changes nothing.",
            "Lifetimes are minutes, 10..43200, with min <= default <= max; length is 8..48."},
        footerHeading = "%nExamples:%n",
        footer = {"  latchkey policy tap set --default-lifetime 120 --max-lifetime 480",
            "  latchkey policy tap set --once true --length 12",
            "  latchkey policy tap set --include group:all_users --exclude user:9da695a8-...",
            "  latchkey policy tap set --state disabled"})
    int set(
        @Option(names = "--state", paramLabel = "enabled|disabled") String state,
        @Option(names = "--default-lifetime", paramLabel = "MINUTES") Integer defaultLifetime,
        @Option(names = "--min-lifetime", paramLabel = "MINUTES") Integer minLifetime,
        @Option(names = "--max-lifetime", paramLabel = "MINUTES") Integer maxLifetime,
        @Option(names = "--length", paramLabel = "CHARACTERS") Integer length,
        @Option(names = "--once", paramLabel = "true|false", arity = "1", description = "Force one-time passes.")
        Boolean once,
        @Option(names = "--include", paramLabel = "TYPE:ID", converter = TargetConverter.class,
            description = "Replaces the included targets: group:all_users, group:<id> or user:<id>; repeatable.")
        List<ObjectNode> include,
        @Option(names = "--exclude", paramLabel = "TYPE:ID", converter = TargetConverter.class,
            description = "Replaces the excluded targets; repeatable. --exclude none clears them.")
        List<ObjectNode> exclude) {
      ObjectNode patch = Json.object().put("@odata.type",
          "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration");
      putIfGiven(patch, "state", state);
      putIfGiven(patch, "defaultLifetimeInMinutes", defaultLifetime);
      putIfGiven(patch, "minimumLifetimeInMinutes", minLifetime);
      putIfGiven(patch, "maximumLifetimeInMinutes", maxLifetime);
      putIfGiven(patch, "defaultLength", length);
      if (once != null) {
        patch.put("isUsableOnce", once);
      }
      putTargets(patch, include, exclude);
      return change(this, PATH, patch, COLUMNS);
    }
  }

  /** {@code policy fido2 get|set}. */
  @Command(name = "fido2", description = "The passkey (FIDO2) policy.", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey policy fido2 get", "  latchkey policy fido2 set --key-restriction block --aaguid ..."})
  public static final class Fido2Policy extends GraphCommand {

    private static final String PATH = CONFIGURATIONS + "Fido2";
    private static final List<Column> COLUMNS = List.of(Column.property("state"),
        Column.property("isSelfServiceRegistrationAllowed"), Column.property("isAttestationEnforced"),
        new Column("keyRestrictions", Fido2Policy::restrictions),
        new Column("includeTargets", policy -> targets(policy, "includeTargets")),
        new Column("excludeTargets", policy -> targets(policy, "excludeTargets")));

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows the passkey policy.",
        footerHeading = "%nExamples:%n", footer = {"  latchkey policy fido2 get", "  latchkey policy fido2 get -o json"})
    int get() {
      printer().entity(graph().get(PATH), COLUMNS);
      return ExitCodes.SUCCESS;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = "Changes the passkey policy and shows the result. Only the options given change.",
        footerHeading = "%nExamples:%n",
        footer = {"  latchkey policy fido2 set --self-service false",
            "  latchkey policy fido2 set --attestation true",
            "  latchkey policy fido2 set --key-restriction allow --aaguid cb69481e-8ff7-4039-93ec-0a2729a154a8",
            "  latchkey policy fido2 set --key-restriction off"})
    int set(
        @Option(names = "--state", paramLabel = "enabled|disabled") String state,
        @Option(names = "--self-service", paramLabel = "true|false", arity = "1",
            description = "May people add their own passkeys?") Boolean selfService,
        @Option(names = "--attestation", paramLabel = "true|false", arity = "1",
            description = "Require attestation?") Boolean attestation,
        @Option(names = "--key-restriction", paramLabel = "allow|block|off",
            description = "Allow only, or block, the --aaguid models; off lifts the restriction.") String restriction,
        @Option(names = "--aaguid", paramLabel = "AAGUID", description = "A model's AAGUID; repeatable.")
        List<String> aaGuids,
        @Option(names = "--include", paramLabel = "TYPE:ID", converter = TargetConverter.class,
            description = "Replaces the included targets: group:all_users, group:<id> or user:<id>; repeatable.")
        List<ObjectNode> include,
        @Option(names = "--exclude", paramLabel = "TYPE:ID", converter = TargetConverter.class,
            description = "Replaces the excluded targets; repeatable. --exclude none clears them.")
        List<ObjectNode> exclude) {
      ObjectNode patch = Json.object().put("@odata.type", "#microsoft.graph.fido2AuthenticationMethodConfiguration");
      putIfGiven(patch, "state", state);
      if (selfService != null) {
        patch.put("isSelfServiceRegistrationAllowed", selfService);
      }
      if (attestation != null) {
        patch.put("isAttestationEnforced", attestation);
      }
      if (restriction != null || aaGuids != null) {
        patch.set("keyRestrictions", keyRestrictions(restriction, aaGuids));
      }
      putTargets(patch, include, exclude);
      return change(this, PATH, patch, COLUMNS);
    }

    private static ObjectNode keyRestrictions(String restriction, List<String> aaGuids) {
      ObjectNode restrictions = Json.object();
      if (restriction != null && restriction.equalsIgnoreCase("off")) {
        restrictions.put("isEnforced", false);
      } else if (restriction != null) {
        restrictions.put("isEnforced", true).put("enforcementType", restriction.toLowerCase(Locale.ROOT));
      }
      if (aaGuids != null) {
        ArrayNode list = restrictions.putArray("aaGuids");
        aaGuids.forEach(list::add);
      }
      return restrictions;
    }

    private static String restrictions(JsonNode policy) {
      JsonNode restrictions = policy.path("keyRestrictions");
      if (!restrictions.path("isEnforced").asBoolean(false)) {
        return "off";
      }
      List<String> models = new ArrayList<>();
      restrictions.path("aaGuids").forEach(model -> models.add(model.asString()));
      return Json.text(restrictions, "enforcementType") + " " + String.join(", ", models);
    }
  }

  /** Reads {@code group:all_users}, {@code user:<id>}, {@code group:<id>}, or {@code none}. */
  public static final class TargetConverter implements ITypeConverter<ObjectNode> {
    @Override
    public ObjectNode convert(String value) {
      if (value.equalsIgnoreCase("none")) {
        return null;
      }
      int colon = value.indexOf(':');
      String type = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!(type.equals("group") || type.equals("user")) || colon == value.length() - 1) {
        throw new TypeConversionException("'" + value + "' is not a target such as group:all_users, group:<id> "
            + "or user:<id>.");
      }
      return Json.object().put("targetType", type).put("id", value.substring(colon + 1));
    }
  }

  private static int change(GraphCommand command, String path, ObjectNode patch, List<Column> columns) {
    if (patch.size() == 1) {
      throw new CliFailure(ExitCodes.USAGE, "Nothing to change: give at least one option (see --help).");
    }
    command.graph().patch(path, patch);
    command.printer().entity(command.graph().get(path), columns);
    return ExitCodes.SUCCESS;
  }

  private static void putTargets(ObjectNode patch, List<ObjectNode> include, List<ObjectNode> exclude) {
    if (include != null) {
      patch.set("includeTargets", targetArray(include));
    }
    if (exclude != null) {
      patch.set("excludeTargets", targetArray(exclude));
    }
  }

  private static ArrayNode targetArray(List<ObjectNode> targets) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    targets.stream().filter(Objects::nonNull).forEach(array::add);
    return array;
  }

  private static void putIfGiven(ObjectNode patch, String property, Object value) {
    if (value instanceof String text) {
      patch.put(property, text);
    } else if (value instanceof Integer number) {
      patch.put(property, number);
    }
  }

  private static String targets(JsonNode policy, String property) {
    List<String> targets = new ArrayList<>();
    policy.path(property).forEach(target -> targets.add(Json.text(target, "targetType") + ":" + Json.text(target, "id")));
    return String.join(", ", targets);
  }
}
