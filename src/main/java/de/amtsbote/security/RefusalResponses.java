package de.amtsbote.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** What Spring Security answers when it refuses a request: problem+json like every other error, and an audit line. */
@Component
class RefusalResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final AuditLog audit;

    RefusalResponses(ObjectMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        audit.refused("anonymous", request, 401, failure.getMessage());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Credentials required",
                "This API needs a client certificate, a bearer token or an API key; none valid came with the request"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        audit.refused(authentication == null ? "anonymous" : authentication.getName(), request, 403, denied.getMessage());
        write(response, Problems.forbidden("This client may not " + request.getMethod() + " " + request.getRequestURI()));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
