package dev.latchkey.bench.ott;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The baseline of issue 6: a minimal Spring Boot web app whose only sign-in is Spring Security's one-time
 * token login ({@code POST /login/ott}), with its tokens in {@code JdbcOneTimeTokenService}, its users in
 * {@code JdbcUserDetailsManager} and its sessions in Spring Session JDBC, all on one PostgreSQL database.
 * At start-up it can write a batch of tokens to a file for the load harness ({@link TokenSeeder}).
 */
@SpringBootApplication
@EnableConfigurationProperties(SeedProperties.class)
public class OttBaselineApplication {

  public static void main(String[] args) {
    SpringApplication.run(OttBaselineApplication.class, args);
  }
}
