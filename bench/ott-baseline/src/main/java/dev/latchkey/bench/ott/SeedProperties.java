package dev.latchkey.bench.ott;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@link TokenSeeder} prepares at start-up.
 *
 * @param users people {@code bench-0} … {@code bench-(users-1)} in {@code users}, created when missing
 * @param tokens one-time tokens to generate, round-robin over the users; 0 for none
 * @param tokenFile where the token values go, one a line (written whole, then moved into place)
 * @param tokenLifetime how long each token stays valid; Spring's default of 5 minutes is shorter than a run
 */
@ConfigurationProperties("ott-baseline")
record SeedProperties(@DefaultValue("1000") int users, @DefaultValue("0") int tokens,
    @DefaultValue("tokens.txt") Path tokenFile, @DefaultValue("2h") Duration tokenLifetime) {}
