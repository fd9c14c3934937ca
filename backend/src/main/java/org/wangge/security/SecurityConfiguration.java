package org.wangge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.web.DatabaseOutage;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain for pages and API:
 *
 * <ul>
 *   <li>pages sign in with a form at {@code /login} (session cookie, {@code HttpOnly}, {@code
 *       SameSite=Lax}, {@code Secure} over HTTPS; the session id changes at sign-in); API clients
 *       send HTTP Basic or a personal token ({@code Authorization: Bearer wg_…}) on each request
 *       and get no session;
 *   <li>CSRF: a state-changing request that rides on a live browser session (or signs in) must
 *       carry the token from the {@code XSRF-TOKEN} cookie, whatever other headers it has; a request
 *       without a live session (an API client's Basic or Bearer request, a citizen's anonymous
 *       report, also one that still sends a stale {@code JSESSIONID}) has no session to ride on
 *       and needs none;
 *   <li>no session is made for anonymous or refused requests: only a page (a GET outside the API)
 *       that sends the browser to the login form is remembered in the session, to return there;
 *   <li>public: the map's static files, the login page, the phone app's shell ({@code /m/}),
 *       citizens' reports, receipts and ratings
 *       with the citizen's report page ({@code /report/}, which reads categories and searches
 *       addresses), Open311
 *       (which checks its clients' keys), health;
 *       everything else needs a signed-in user, and {@code /api/admin/**} and {@code /api/audit}
 *       an ADMIN. What inside the jurisdiction a user may see is checked by each feature's query.
 * </ul>
 */
@Configuration
class SecurityConfiguration {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * A phone signs in with a password or a remembered device token (package field): public, and
   * like a first sign-in free of the CSRF token (the body must be JSON, which a cross-site form
   * cannot send).
   */
  private static final String[] DEVICE_SIGN_IN = {"/api/devices", "/api/devices/session"};

  private static final Set<String> DEVICE_SIGN_IN_PATHS = Set.of(DEVICE_SIGN_IN);

  /**
   * No Micrometer observations of each security filter, authentication and authorization: nothing
   * here reads them, and wrapping every filter cost about a fifth of the chain's time per request
   * (JFR, scripts/bench-intake).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    // Argon2id for new hashes; bcrypt still verifies, so hashes made elsewhere can be imported.
    String argon2 = "argon2@SpringSecurity_v5_8";
    return new DelegatingPasswordEncoder(
        argon2,
        Map.of(argon2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
  }

  @Bean
  AuthenticationManager authenticationManager(
      AccountDetailsService accounts,
      PasswordEncoder passwords,
      JdbcTemplate jdbc,
      ApplicationEventPublisher events) {
    var dao = new DaoAuthenticationProvider(accounts);
    dao.setPasswordEncoder(passwords);
    var manager = new ProviderManager(dao, new ApiTokenAuthentication.Provider(jdbc));
    manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
    return manager;
  }

  @Bean
  SecurityFilterChain filterChain(
      HttpSecurity http,
      AuthenticationManager manager,
      SecurityProperties properties,
      JsonMapper json,
      DatabaseOutage outage,
      ObjectProvider<ExternalImageSources> externalImages)
      throws Exception {
    List<String> imageSources = new ArrayList<>(properties.imageSources());
    externalImages.orderedStream().forEach(sources -> imageSources.addAll(sources.imageSources()));
    var problems = new SecurityProblems(json, outage);
    var tokenFilter = new AuthenticationFilter(manager, new ApiTokenAuthentication.Converter());
    tokenFilter.setSuccessHandler((request, response, authentication) -> {});
    tokenFilter.setFailureHandler((request, response, e) -> problems.commence(request, response, e));
    RequestMatcher api =
        request -> {
          String path = path(request);
          return path.startsWith("/api/") || path.startsWith("/ogc") || path.startsWith("/open311/")
              || path.startsWith("/tiles/") || request.getHeader("X-Requested-With") != null
              || request.getHeader("Authorization") != null;
        };
    http.authenticationManager(manager)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(HttpMethod.POST, "/api/incidents").permitAll()
                    // Device sign-in (package field) checks the password or device token itself.
                    .requestMatchers(HttpMethod.POST, DEVICE_SIGN_IN).permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/receipts/*").permitAll()
                    // The citizen's report page (/report/): rating by receipt, categories, address search.
                    .requestMatchers(HttpMethod.POST, "/api/receipts/*/rating").permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/categories", "/api/geocode").permitAll()
                    .requestMatchers("/report", "/report/", "/report/**", "/vendor/**").permitAll()
                    // Open311 checks its clients' api_key itself (package open311).
                    .requestMatchers("/open311/v2/**").permitAll()
                    .requestMatchers(
                        "/login", "/login.html", "/js/**", "/css/**", "/favicon.ico", "/webjars/**",
                        // The phone app's shell (it signs in itself) and the libraries it loads.
                        "/m", "/m/**", "/vendor/workbox-*/**", "/vendor/idb/**", "/vendor/exifr/**",
                        "/api/csrf", "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                    .permitAll()
                    .requestMatchers("/api/admin/**", "/api/audit", "/api/audit/**").hasRole("ADMIN")
                    .anyRequest().authenticated())
        .formLogin(
            f ->
                f.loginPage("/login")
                    .failureHandler(
                        (request, response, e) -> {
                          if (DatabaseOutage.isOutage(e)) {
                            outage.write(request, response, e); // not "wrong password": retry later
                          } else {
                            response.sendRedirect(
                                request.getContextPath() + (e instanceof LockedException ? "/login?locked" : "/login?error"));
                          }
                        }))
        .httpBasic(b -> b.authenticationEntryPoint(problems))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .csrf(
            c ->
                // The token travels as the XSRF-TOKEN cookie (readable by the page's script) and comes
                // back raw in the X-XSRF-TOKEN header or the _csrf form field.
                c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(
                        request ->
                            !SAFE_METHODS.contains(request.getMethod())
                                && !(request.getMethod().equals("POST") && DEVICE_SIGN_IN_PATHS.contains(path(request)))
                                && (path(request).equals("/login") || hasLiveSession(request))))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(problems, api)
                    .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                    .accessDeniedHandler(problems))
        .requestCache(c -> c.requestCache(pageRequestCache(api)))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(
            h ->
                h.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.build(imageSources)))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .addFilterBefore(tokenFilter, BasicAuthenticationFilter.class)
        .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
        .addFilterBefore(new IntakeRateLimit(properties.intakeReportsPerMinute(), problems), AuthorizationFilter.class);
    return http.build();
  }

  /**
   * Renders the CSRF token into its cookie on every browser request, so that a page always finds
   * it (also right after signing in, which replaces the token).
   */
  static final class CsrfCookie extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getHeader("Authorization") == null && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /**
   * Whether the request rides on a session this server holds (a signed-in browser's). A stale or
   * made-up session id is no session: the request is treated as the anonymous request it is.
   */
  private static boolean hasLiveSession(HttpServletRequest request) {
    return request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
  }

  /**
   * Remembers, in the session, only a page request (a GET outside the API) sent to the login form,
   * so that signing in returns there; an API request answered 401 leaves no session behind (each
   * one used to make a session kept for 12 hours).
   */
  private static org.springframework.security.web.savedrequest.RequestCache pageRequestCache(RequestMatcher api) {
    var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
    cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !api.matches(request));
    return cache;
  }

  /** Hands the CSRF token to a page's script (the call also sets the XSRF-TOKEN cookie). */
  @org.springframework.web.bind.annotation.RestController
  static class CsrfController {
    @org.springframework.web.bind.annotation.GetMapping("/api/csrf")
    Map<String, String> csrf(CsrfToken token) {
      return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(), "token", token.getToken());
    }
  }
}
