package dev.latchkey.server.graph;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection.
 *
 * @param items the page's items, at most {@code $top}
 * @param nextPosition where the next page starts (to be encoded as {@code $skiptoken}); null on the last
 */
public record Page<T>(List<T> items, String nextPosition) {

  /** Makes a page from {@code top + 1} fetched rows: the extra row only says that more exist. */
  public static <T> Page<T> of(List<T> fetched, int top, Function<T, String> position) {
    if (fetched.size() <= top) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, top);
    return new Page<>(List.copyOf(items), position.apply(items.get(top - 1)));
  }
}
