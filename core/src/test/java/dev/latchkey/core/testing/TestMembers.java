package dev.latchkey.core.testing;

import dev.latchkey.core.policy.DirectoryMember;
import java.util.Set;

/**
 * The people of the core tests: Alice is in Engineering, Bob is a contractor, Carol is in no group.
 */
public final class TestMembers {

  public static final String ALICE_ID = "3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a17";
  public static final String BOB_ID = "b2e47d19-05ac-4c3f-8e6b-91f0a3d2c864";
  public static final String CAROL_ID = "0d6e2b7f-41c8-4a95-8b3d-7e1f9c5a2b60";
  public static final String ENGINEERING_ID = "7c0d5e2a-9f14-4b86-b3e1-5a6c8d9f0e21";
  public static final String CONTRACTORS_ID = "e41b8a90-2c7d-4f53-9a06-b8d1c3e5f742";

  private TestMembers() {
  }

  public static DirectoryMember alice() {
    return new DirectoryMember(ALICE_ID, Set.of(ENGINEERING_ID));
  }

  public static DirectoryMember bob() {
    return new DirectoryMember(BOB_ID, Set.of(CONTRACTORS_ID));
  }

  public static DirectoryMember carol() {
    return new DirectoryMember(CAROL_ID, Set.of());
  }
}
