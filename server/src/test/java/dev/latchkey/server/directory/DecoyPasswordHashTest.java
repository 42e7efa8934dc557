package dev.latchkey.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class DecoyPasswordHashTest {

  private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void valueWhenReadThenSameAlgorithmAndCostAsARealPasswordsHash() {
    String real = passwords.encode("correct horse battery staple");
    String decoy = new DecoyPasswordHash(passwords).value();

    // "{bcrypt}$2a$10$": checking a password against either runs the same algorithm with the same cost
    int algorithmAndCost = real.indexOf('$', real.indexOf('$', real.indexOf('$') + 1) + 1) + 1;
    assertThat(decoy).hasSameSizeAs(real).startsWith(real.substring(0, algorithmAndCost));
    assertThat(passwords.upgradeEncoding(decoy)).isFalse();
  }

  @Test
  void valueWhenCheckedThenNoPasswordMatchesAndItStaysTheSame() {
    DecoyPasswordHash decoy = new DecoyPasswordHash(passwords);

    assertThat(passwords.matches("correct horse battery staple", decoy.value())).isFalse();
    assertThat(passwords.matches("", decoy.value())).isFalse();
    assertThat(decoy.value()).isEqualTo(decoy.value());
  }
}
