package org.lungcad.server.config;

import static org.mockito.ArgumentMatchers.anyString;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lungcad.server.delivery.ResultDelivery;
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
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who may call what, with the application's own filter chain and operator login in front of every controller.
 * The rules as configured: reading (GET /api/**, /actuator/**) is open, everything else needs the OPERATOR role.
 */
@WebMvcTest
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(LungCadProperties.class)
@ImportAutoConfiguration({EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
        ManagementContextAutoConfiguration.class})
@TestPropertySource(properties = "lungcad.api.operator-password=s3cret")
class SecurityConfigurationTest {

    private static final String STUDY = "1.2.3";
    private static final String SERIES = "1.2.3.4";
    private static final String RESEND = "/api/studies/" + STUDY + "/series/" + SERIES + "/resend";

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
        when(jobs.findAll(500)).thenReturn(List.of(job));
        when(delivery.hasDestinations()).thenReturn(true);
        when(listener.aeTitle()).thenReturn("LUNGCAD");
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void statusIsOpen() throws Exception {
        mvc.perform(get("/api/status")).andExpect(status().isOk());
    }

    /** As documented (configuration.md, "reading status needs no login"): UIDs and findings, no names. */
    @Test
    void studiesAreReadableWithoutLogin() throws Exception {
        mvc.perform(get("/api/studies")).andExpect(status().isOk());
        mvc.perform(get("/api/studies/{study}/series/{series}", STUDY, SERIES)).andExpect(status().isOk());
    }

    @Test
    void resendWithoutCredentialsIs401AndAsksForBasicLogin() throws Exception {
        mvc.perform(post(RESEND))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")));
    }

    @Test
    void resendWithAWrongPasswordIs401() throws Exception {
        mvc.perform(post(RESEND).with(httpBasic("operator", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void resendByALoggedInUserWithoutTheOperatorRoleIs403() throws Exception {
        mvc.perform(post(RESEND).with(user("viewer").roles("VIEWER"))).andExpect(status().isForbidden());
    }

    @Test
    void resendByTheOperatorIsAccepted() throws Exception {
        mvc.perform(post(RESEND).with(httpBasic("operator", "s3cret"))).andExpect(status().isAccepted());
    }

    @Test
    void anyOtherChangingRequestNeedsTheOperatorToo() throws Exception {
        mvc.perform(post("/api/studies")).andExpect(status().isUnauthorized());
        mvc.perform(post("/actuator/health")).andExpect(status().isUnauthorized());
    }

    @Nested
    @TestPropertySource(properties = "lungcad.api.operator-password=")
    class WithoutAnOperatorPassword {

        // its own context's MockMvc: the enclosing instance's field holds the one with a password
        @Autowired
        MockMvc withoutPassword;

        @Test
        void noLoginCanResend() throws Exception {
            withoutPassword.perform(post(RESEND).with(httpBasic("operator", ""))).andExpect(status().isUnauthorized());
            withoutPassword.perform(post(RESEND).with(httpBasic("operator", "s3cret"))).andExpect(status().isUnauthorized());
        }

        @Test
        void readingStillWorks() throws Exception {
            withoutPassword.perform(get("/api/status")).andExpect(status().isOk());
        }
    }
}
