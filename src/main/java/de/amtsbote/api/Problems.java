package de.amtsbote.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The shape of every problem the hub answers with: a type under {@code urn:amtsbote:problem:}, a title, a detail. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:amtsbote:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** The one 403 body, for the security chain and for refusals the hub decides further in. */
    public static ProblemDetail forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this client", detail);
    }
}
