package dev.latchkey.server.graph;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Object ids: lower-case GUID strings. */
public final class Ids {

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static boolean isGuid(String value) {
    return value != null && GUID.matcher(value).matches();
  }

  /** The id in its stored form, or a 400 that names {@code what} when it is not a GUID. */
  public static String requireGuid(String value, String what) {
    if (!isGuid(value)) {
      throw GraphException.badRequest("Invalid " + what + " '" + value + "': it must be a GUID such as "
          + "'5a0f9d63-3d4b-4c8e-9a0e-1f2b3c4d5e6f'.");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
