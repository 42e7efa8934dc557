package dev.latchkey.core.policy;

import static dev.latchkey.core.testing.TestMembers.ALICE_ID;
import static dev.latchkey.core.testing.TestMembers.ENGINEERING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectoryMemberTest {

  @Test
  void constructWhenGroupIdsInUpperCaseThenKeptInLowerCase() {
    DirectoryMember member = new DirectoryMember(ALICE_ID, Set.of(ENGINEERING_ID.toUpperCase(Locale.ROOT)));

    assertThat(member.groupIds()).containsExactly(ENGINEERING_ID);
  }

  @Test
  void constructWhenCallerChangesItsSetAfterwardsThenMemberUnchanged() {
    Set<String> groups = new HashSet<>(Set.of(ENGINEERING_ID));
    DirectoryMember member = new DirectoryMember(ALICE_ID, groups);

    groups.clear();

    assertThat(member.groupIds()).containsExactly(ENGINEERING_ID);
    assertThatThrownBy(() -> member.groupIds().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructWhenUserIdMissingThenRejected() {
    assertThatThrownBy(() -> new DirectoryMember(null, Set.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("userId");
  }
}
