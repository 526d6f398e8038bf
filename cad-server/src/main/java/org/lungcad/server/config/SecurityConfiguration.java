package org.lungcad.server.config;

import java.time.Clock;
import java.util.List;
import org.lungcad.server.audit.AuditRequestFilter;
import org.lungcad.server.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Patient data only after login. Open: {@code /actuator/health}, {@code /actuator/info}, {@code /actuator/prometheus}
 * and {@code GET /api/status} (AE title, queue and job counts). {@code GET /api/**} (studies, findings, malignancy
 * factors) and the status page {@code /status} need the READER role, everything else OPERATOR; an operator is a reader
 * too. HTTP Basic, stateless: no sessions, so no CSRF token. Users and their password hashes come from {@code
 * lungcad.api.users}. Requests to {@code /api/**} and refused logins go to the audit trail with the user.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** The plain-text setting of earlier versions: refused rather than silently ignored. */
    static final String OLD_PASSWORD_PROPERTY = "lungcad.api.operator-password";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<AuditTrail> audit, ObjectProvider<Clock> clock)
            throws Exception {
        return http
                .addFilterBefore(new AuditRequestFilter(audit.getIfAvailable(() -> AuditTrail.NONE),
                        clock.getIfAvailable(Clock::systemUTC)), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/api/status").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/status", "/status/**")
                                .hasRole(LungCadProperties.Role.READER.name())
                        .anyRequest().hasRole(LungCadProperties.Role.OPERATOR.name()))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService apiUsers(LungCadProperties properties, Environment environment) {
        if (environment.containsProperty(OLD_PASSWORD_PROPERTY)) {
            throw new IllegalStateException(OLD_PASSWORD_PROPERTY + " (a plain-text password) is no longer read: "
                    + "configure lungcad.api.users[n].username, .password-hash and .role; "
                    + "'java -jar cad-server.jar hash-password' prints a hash");
        }
        List<LungCadProperties.ApiUser> users = properties.api().users();
        if (users.isEmpty()) {
            log.warn("No REST users (lungcad.api.users): studies, findings and re-sending are refused to everyone");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        for (LungCadProperties.ApiUser u : users) {
            if (manager.userExists(u.username())) {
                throw new IllegalStateException("lungcad.api.users: user " + u.username() + " is configured twice");
            }
            String[] roles = u.role() == LungCadProperties.Role.OPERATOR
                    ? new String[] {LungCadProperties.Role.READER.name(), LungCadProperties.Role.OPERATOR.name()}
                    : new String[] {LungCadProperties.Role.READER.name()};
            manager.createUser(User.withUsername(u.username()).password(u.passwordHash()).roles(roles).build());
        }
        return manager;
    }
}
