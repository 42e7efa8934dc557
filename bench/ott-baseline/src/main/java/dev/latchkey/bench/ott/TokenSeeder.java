package dev.latchkey.bench.ott;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;

/**
 * At start-up: creates the tables, the users that are missing and, when asked, a batch of one-time tokens
 * whose values go to a file for the harness's {@code ott-signin} scenario. The file appears only once it
 * is complete, so a script can wait for it.
 */
@Component
class TokenSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(TokenSeeder.class);
  private static final int THREADS = 8;

  private final JdbcTemplate jdbc;
  private final OneTimeTokenService tokens;
  private final SeedProperties properties;

  TokenSeeder(JdbcTemplate jdbc, OneTimeTokenService tokens, SeedProperties properties) {
    this.jdbc = jdbc;
    this.tokens = tokens;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException, InterruptedException {
    new ResourceDatabasePopulator(new ClassPathResource("ott-baseline-schema.sql")).execute(jdbc.getDataSource());
    seedUsers();
    if (properties.tokens() > 0) {
      long started = System.nanoTime();
      String[] values = TokenBatch.generate(tokens, properties.tokens(), properties.users(),
          properties.tokenLifetime(), THREADS);
      Path target = properties.tokenFile().toAbsolutePath();
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.write(partial, Arrays.asList(values));
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      log.info(String.format(Locale.ROOT, "Generated %d one-time tokens in %.1f s into %s", values.length,
          (System.nanoTime() - started) / 1e9, target));
    }
  }

  private void seedUsers() {
    List<Object[]> rows = IntStream.range(0, properties.users())
        .mapToObj(n -> new Object[] {TokenBatch.username(n)}).toList();
    // The password is never checked: one-time tokens are the only way in.
    jdbc.batchUpdate("insert into users (username, password, enabled) values (?, '{noop}unused', true) "
        + "on conflict do nothing", rows);
    jdbc.batchUpdate("insert into authorities (username, authority) values (?, 'ROLE_USER') on conflict do nothing",
        rows);
  }
}
