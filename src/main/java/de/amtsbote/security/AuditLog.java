package de.amtsbote.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who did what, when, with which outcome, on the logger {@code amtsbote.audit} (route it to its own file or
 * collector). Never a payload: requests carry personal data.
 */
@Component
public class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("amtsbote.audit");

    /** A request the hub refused for want of credentials (401) or rights (403). */
    public void refused(String who, HttpServletRequest request, int status, String reason) {
        audit.warn("who={} what=\"{} {}\" from={} outcome={} reason=\"{}\" at={}", clean(who), request.getMethod(),
                clean(request.getRequestURI()), request.getRemoteAddr(), status, clean(reason), Instant.now());
    }

    /** An action an operator took on the hub's state. */
    public void performed(String who, String what) {
        audit.info("who={} what=\"{}\" outcome=done at={}", clean(who), clean(what), Instant.now());
    }

    /** Values from a request must not forge audit lines. */
    private static String clean(String value) {
        return value == null ? "-" : value.replaceAll("[\\p{Cntrl}\"]", "_");
    }
}
