package dev.latchkey.bench.ott;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ott.RedirectOneTimeTokenGenerationSuccessHandler;

/**
 * Spring Security as its reference documentation sets up one-time token login, with the JDBC stores:
 * everything else (CSRF, session fixation protection, the default submit page at {@code GET /login/ott})
 * is left at its defaults.
 */
@Configuration
class SecurityConfiguration {

  @Bean
  SecurityFilterChain filters(HttpSecurity http, OneTimeTokenService tokens) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // Tokens reach people out of band; the benchmark generates them beforehand, so a request for one
        // only goes back to the submit page.
        .oneTimeTokenLogin(ott -> ott.tokenService(tokens)
            .tokenGenerationSuccessHandler(new RedirectOneTimeTokenGenerationSuccessHandler("/login/ott")));
    return http.build();
  }

  @Bean
  JdbcOneTimeTokenService oneTimeTokens(JdbcTemplate jdbc) {
    return new JdbcOneTimeTokenService(jdbc);
  }

  @Bean
  JdbcUserDetailsManager users(DataSource dataSource) {
    return new JdbcUserDetailsManager(dataSource);
  }
}
