package dev.latchkey.server.directory;

import dev.latchkey.server.graph.GraphTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user's password as Graph's {@code passwordAuthenticationMethod}: never the password itself. */
public final class PasswordMethodJson {

  public static final String ODATA_TYPE = "#microsoft.graph.passwordAuthenticationMethod";
  /** The id Graph gives every password method. */
  public static final String ID = "28c10230-6103-485e-b985-444c60001490";

  private PasswordMethodJson() {}

  public static Map<String, Object> toGraph(User user) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", ID);
    graph.put("password", null);
    graph.put("createdDateTime", GraphTime.format(user.passwordSetAt()));
    return graph;
  }
}
