package org.lungcad.server.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits the REST API: every request under {@code /api/} (reads of patient data and every write) and each load of the
 * status page, with the user and the answer, and every refused login or access anywhere. {@code GET /api/status}
 * (counts only, polled by monitoring) and the page's thumbnails (part of the page load) are left out unless refused.
 * Sits in the security chain before HTTP Basic, so that after the chain it sees both the authenticated user and the
 * final status.
 */
public final class AuditRequestFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";

    private final AuditTrail audit;
    private final Clock clock;

    public AuditRequestFilter(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response.getStatus());
        }
    }

    private void record(HttpServletRequest request, int status) {
        String path = request.getRequestURI();
        boolean refused = status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN;
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        boolean patientData = path.startsWith("/api/") ? !(read && path.equals("/api/status")) : path.equals("/status");
        if (!refused && !patientData) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        String tried = attemptedUser(request);
        AuditEventType type;
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            type = tried != null ? AuditEventType.LOGIN_FAILED : AuditEventType.ACCESS_DENIED;
        } else if (status == HttpServletResponse.SC_FORBIDDEN) {
            type = AuditEventType.ACCESS_DENIED;
        } else {
            type = read ? AuditEventType.PATIENT_DATA_READ : AuditEventType.REST_WRITE;
        }
        AuditEvent.Outcome outcome = status < 400 ? AuditEvent.Outcome.SUCCESS
                : status < 500 ? AuditEvent.Outcome.MINOR_FAILURE : AuditEvent.Outcome.SERIOUS_FAILURE;
        String query = request.getQueryString();
        audit.record(AuditEvent.of(clock.instant(), type, action(request.getMethod()), outcome)
                .withParticipants(new AuditEvent.Participant(null, request.getRemoteAddr() + ":"
                        + request.getRemotePort()), null)
                .withUser(authenticated ? authentication.getName() : tried)
                .withRequest(request.getMethod() + " " + path + (query == null ? "" : "?" + query), status));
    }

    private static AuditEvent.Action action(String method) {
        return switch (method) {
            case "GET", "HEAD" -> AuditEvent.Action.R;
            case "PUT", "PATCH" -> AuditEvent.Action.U;
            case "DELETE" -> AuditEvent.Action.D;
            default -> AuditEvent.Action.E;
        };
    }

    /** The user name of an HTTP Basic header (never the password), for a failed login; null without one. */
    private static String attemptedUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String name = colon < 0 ? decoded : decoded.substring(0, colon);
            // a name is at most what lungcad.api.users allows, and never carries control characters into the trail
            return name.replaceAll("\\p{Cntrl}", "?").substring(0, Math.min(name.length(), 64));
        } catch (IllegalArgumentException e) {
            return "(undecodable)";
        }
    }
}
