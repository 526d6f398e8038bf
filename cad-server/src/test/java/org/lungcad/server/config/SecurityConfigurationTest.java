package org.lungcad.server.config;

import static org.mockito.ArgumentMatchers.anyString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungcad.server.audit.AuditEvent;
import org.lungcad.server.audit.AuditTrail;
import org.lungcad.server.delivery.ResultDelivery;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.lungcad.server.dicom.DicomListener;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.lungcad.server.job.SeriesJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who may call what, with the application's own filter chain and users in front of every controller: health,
 * info and /api/status open; studies and findings (patient data) only to a reader; changes only to an operator.
 */
@WebMvcTest
@Import({SecurityConfiguration.class, SecurityConfigurationTest.RecordingAudit.class, ClockConfiguration.class})
@EnableConfigurationProperties(LungCadProperties.class)
@ImportAutoConfiguration({EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
        InfoEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class})
// the slice has no readiness, database or detector contributors for application.yml's readiness group
@org.springframework.test.context.TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class SecurityConfigurationTest {

    private static final String STUDY = "1.2.3";
    private static final String SERIES = "1.2.3.4";
    private static final String RESEND = "/api/studies/" + STUDY + "/series/" + SERIES + "/resend";
    private static final String READER_PASSWORD = "reader-password-1";
    private static final String OPERATOR_PASSWORD = "operator-password-1";

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        // strength 4: the lowest bcrypt cost, to keep the test fast; the product's hash-password uses the default
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("lungcad.api.users[0].username", () -> "dr.reader");
        registry.add("lungcad.api.users[0].password-hash", () -> "{bcrypt}" + bcrypt.encode(READER_PASSWORD));
        registry.add("lungcad.api.users[0].role", () -> "READER");
        registry.add("lungcad.api.users[1].username", () -> "it.operator");
        registry.add("lungcad.api.users[1].password-hash", () -> "{bcrypt}" + bcrypt.encode(OPERATOR_PASSWORD));
        registry.add("lungcad.api.users[1].role", () -> "OPERATOR");
    }

    static final List<AuditEvent> AUDIT = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class RecordingAudit {
        @org.springframework.context.annotation.Bean
        AuditTrail auditTrail() {
            return AUDIT::add;
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    JobRepository jobs;
    @MockitoBean
    ResultDelivery delivery;
    @MockitoBean
    JobQueue queue;
    @MockitoBean
    DicomListener listener;

    @BeforeEach
    void aSeriesWithResults() {
        Instant t = Instant.parse("2026-11-21T08:00:00Z");
        SeriesJob job = new SeriesJob(1, STUDY, SERIES, "CT", 133, 1, JobState.FAILED, "delivery-failed", "down",
                t, t, t, t, null, null, null, "/data/results/x", SERIES + ".9", List.of());
        when(jobs.findBySeries(anyString())).thenReturn(Optional.of(job));
        when(jobs.findAll(org.mockito.ArgumentMatchers.anyInt())).thenReturn(List.of(job));
        when(delivery.hasDestinations()).thenReturn(true);
        when(listener.aeTitle()).thenReturn("LUNGCAD");
        when(listener.intakeRefusal()).thenReturn(Optional.empty());
    }

    @Test
    void healthInfoAndStatusAreOpenForProbesAndDashboards() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/ping")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        mvc.perform(get("/api/status")).andExpect(status().isOk());
    }

    @Test
    void studiesAndFindingsNeedALoginAndAskForBasic() throws Exception {
        mvc.perform(get("/api/studies"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")));
        mvc.perform(get("/api/studies/{study}/series/{series}", STUDY, SERIES)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/studies").with(httpBasic("dr.reader", "wrong"))).andExpect(status().isUnauthorized());
        // the status page shows studies and findings too
        mvc.perform(get("/status")).andExpect(status().isUnauthorized());
        mvc.perform(get("/status/series/{series}/nodule-1.png", SERIES)).andExpect(status().isUnauthorized());
        mvc.perform(get("/status").with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("<tr data-series=\"" + SERIES + "\">")));
    }

    @Test
    void aReaderAndAnOperatorReadStudiesAndFindings() throws Exception {
        mvc.perform(get("/api/studies").with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/studies/{study}/series/{series}", STUDY, SERIES)
                .with(httpBasic("it.operator", OPERATOR_PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void onlyAnOperatorResends() throws Exception {
        mvc.perform(post(RESEND)).andExpect(status().isUnauthorized());
        mvc.perform(post(RESEND).with(httpBasic("it.operator", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(post(RESEND).with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post(RESEND).with(httpBasic("it.operator", OPERATOR_PASSWORD))).andExpect(status().isAccepted());
    }

    @Test
    void anyOtherChangingRequestAndTheUnlistedActuatorEndpointsNeedTheOperator() throws Exception {
        mvc.perform(post("/api/studies")).andExpect(status().isUnauthorized());
        mvc.perform(post("/actuator/health")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    void readsOfPatientDataWritesAndRefusalsGoToTheAuditTrailWithTheUser() throws Exception {
        AUDIT.clear();
        mvc.perform(get("/api/studies").with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/status")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/api/studies").with(httpBasic("dr.reader", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/studies")).andExpect(status().isUnauthorized());
        mvc.perform(post(RESEND).with(httpBasic("dr.reader", READER_PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(post(RESEND).with(httpBasic("it.operator", OPERATOR_PASSWORD))).andExpect(status().isAccepted());

        assertThat(AUDIT).extracting(AuditEvent::event, AuditEvent::user, AuditEvent::request, AuditEvent::status,
                AuditEvent::outcome, AuditEvent::action).containsExactly(
                tuple("patient-data-read", "dr.reader", "GET /api/studies", 200, AuditEvent.Outcome.SUCCESS,
                        AuditEvent.Action.R),
                tuple("login-failed", "dr.reader", "GET /api/studies", 401, AuditEvent.Outcome.MINOR_FAILURE,
                        AuditEvent.Action.R),
                tuple("access-denied", null, "GET /api/studies", 401, AuditEvent.Outcome.MINOR_FAILURE,
                        AuditEvent.Action.R),
                tuple("access-denied", "dr.reader", "POST " + RESEND, 403, AuditEvent.Outcome.MINOR_FAILURE,
                        AuditEvent.Action.E),
                tuple("rest-write", "it.operator", "POST " + RESEND, 202, AuditEvent.Outcome.SUCCESS,
                        AuditEvent.Action.E));
        assertThat(AUDIT).allSatisfy(e -> assertThat(e.source().address()).startsWith("127.0.0.1:"));
    }

    @Test
    void thePlainTextPasswordOfEarlierVersionsStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty(SecurityConfiguration.OLD_PASSWORD_PROPERTY, "x");
        LungCadProperties properties = org.mockito.Mockito.mock(LungCadProperties.class);
        assertThatThrownBy(() -> new SecurityConfiguration().apiUsers(properties, environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lungcad.api.users[n].username, .password-hash and .role")
                .hasMessageContaining("hash-password");
    }

    @Test
    void withoutConfiguredUsersNobodyLogsIn() {
        LungCadProperties properties = org.mockito.Mockito.mock(LungCadProperties.class);
        when(properties.api()).thenReturn(new LungCadProperties.Api(List.of()));
        org.springframework.security.core.userdetails.UserDetailsService users =
                new SecurityConfiguration().apiUsers(properties, new MockEnvironment());
        assertThatThrownBy(() -> users.loadUserByUsername("operator"))
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);
    }
}
