package de.amtsbote.api;

import de.amtsbote.attachments.AttachmentMismatchException;
import de.amtsbote.intake.ConflictingResendException;
import de.amtsbote.intake.MalformedMultipartException;
import de.amtsbote.intake.NotQueuedException;
import de.amtsbote.intake.PayloadTooLargeException;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.AuditLog;
import de.amtsbote.security.TooManyRequestsException;
import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.MalformedXmlException;
import de.amtsbote.xoev.SchematronViolationException;
import de.amtsbote.xoev.UnknownCodeException;
import de.amtsbote.xoev.UnsupportedMessageException;
import de.amtsbote.xoev.XmlProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as {@code application/problem+json} (RFC 9457). XML problems carry a list
 * {@code errors} of {@code {line, column, message}}. Nothing internal (stack traces, class names) leaves the hub.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final URI BLANK = URI.create("about:blank");

    private final AuditLog audit;

    ApiProblems(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler
    ProblemDetail notWellFormed(MalformedXmlException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "xml-not-well-formed", "XML not well-formed",
                "The body is not well-formed XML"), e.problems());
    }

    @ExceptionHandler
    ProblemDetail schemaInvalid(InvalidMessageException e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "schema-invalid", "Message invalid against its schema",
                e.getMessage()), e.problems());
    }

    /** Spring picks the handler of the closest type: these two win over {@link #schemaInvalid} for their subclasses. */
    @ExceptionHandler
    ProblemDetail rulesViolated(SchematronViolationException e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "rules-violated", "Message breaks its standard's rules",
                e.getMessage()), e.problems());
    }

    @ExceptionHandler
    ProblemDetail unknownCode(UnknownCodeException e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-code", "Message uses unknown codes",
                e.getMessage()), e.problems());
    }

    @ExceptionHandler
    ProblemDetail noConnector(UnsupportedMessageException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "no-connector", "No connector for this message",
                e.getMessage());
        problem.setProperty("rootElement", e.root().toString());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail attachmentMismatch(AttachmentMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "attachment-mismatch",
                "Documents do not match the message", e.getMessage());
        problem.setProperty("documentId", e.documentId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail multipartMalformed(MalformedMultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "multipart-malformed", "Multipart body not readable", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Submission too large", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflictingResend(ConflictingResendException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflicting-resend", "Message id already used",
                e.getMessage());
        if (e.trackingId() != null) {
            problem.setProperty("trackingId", e.trackingId());
        }
        return problem;
    }

    /** Past the security chain: another client's submission, a connector the portal is not registered for. */
    @ExceptionHandler
    ProblemDetail refused(AccessRefusedException e, HttpServletRequest request) {
        audit.refused(e.clientId(), request, HttpStatus.FORBIDDEN.value(), e.getMessage());
        return Problems.forbidden(e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e, HttpServletRequest request) {
        audit.refused(e.clientId(), request, HttpStatus.TOO_MANY_REQUESTS.value(), e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", e.getMessage()));
    }

    /** Logged once, without a stack, where the send failed: an outage under load must not flood the log. */
    @ExceptionHandler
    ProblemDetail notQueued(NotQueuedException e) {
        return unavailable();
    }

    /** Tomcat takes requests a moment before Camel runs, and a moment after it stops. */
    @ExceptionHandler
    ProblemDetail notRunning(RejectedExecutionException e) {
        log.warn("Request refused while the hub starts or stops: {}", e.getMessage());
        return unavailable();
    }

    /** The client went away before its body was complete: nothing was accepted, and nobody is there to answer. */
    @ExceptionHandler
    void clientGone(ClientAbortException e) {
        log.info("Client closed the connection before its request was complete: {}", e.getMessage());
    }

    /** Anything else is the hub's fault: logged here with its cause, answered without it. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Request failed", e);
        return unavailable();
    }

    /**
     * Spring's own refusals (415 for another content type, 404, 405 ...) come typed {@code about:blank}: they get a
     * type named after their status, so that a client can tell every problem by its type.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && BLANK.equals(problem.getType())) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String type = status == null ? "http-" + statusCode.value() : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
            problem.setType(URI.create(Problems.TYPE_PREFIX + type));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ProblemDetail unavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "The hub could not process the request; a submission was not accepted. Try again later.");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        if (status.is4xxClientError()) {
            log.info("Refused with {} {}: {}", status.value(), type, detail);
        }
        return Problems.of(status, type, title, detail);
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<XmlProblem> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }
}
