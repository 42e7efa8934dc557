package dev.latchkey.server.tap;

import dev.latchkey.core.pass.IssuedPass;
import dev.latchkey.core.pass.UsabilityReason;
import dev.latchkey.server.graph.GraphTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pass as Graph's {@code temporaryAccessPassAuthenticationMethod}. */
public final class PassJson {

  public static final String ODATA_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";

  private PassJson() {}

  /** The Graph entity; {@code secret} is non-null only in the create response. */
  public static Map<String, Object> toGraph(IssuedPass pass, String secret, UsabilityReason usability) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", pass.id());
    graph.put("temporaryAccessPass", secret);
    graph.put("createdDateTime", GraphTime.format(pass.createdAt()));
    graph.put("startDateTime", GraphTime.format(pass.terms().start()));
    graph.put("lifetimeInMinutes", pass.terms().lifetimeInMinutes());
    graph.put("isUsableOnce", pass.terms().usableOnce());
    graph.put("isUsable", usability.isUsable());
    graph.put("methodUsabilityReason", usability.graphName());
    return graph;
  }
}
