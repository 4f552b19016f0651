package de.amtsbote.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.SchematronViolationException;
import de.amtsbote.xoev.UnknownCodeException;
import de.amtsbote.xoev.XmlProblem;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** The three kinds of invalid message each get their own problem type, with the same errors list. */
class ApiProblemsTest {

    private static final List<XmlProblem> ERRORS = List.of(new XmlProblem(3, 24, "xdemo-001: Der Familienname fehlt."));

    private final ApiProblems problems = new ApiProblems(null);

    @Test
    void eachInvalidMessageExceptionIsAnsweredByItsOwnHandler() {
        ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiProblems.class);

        assertThat(resolver.resolveMethod(new SchematronViolationException(ERRORS))).extracting(Method::getName)
                .isEqualTo("rulesViolated");
        assertThat(resolver.resolveMethod(new UnknownCodeException(ERRORS))).extracting(Method::getName)
                .isEqualTo("unknownCode");
        assertThat(resolver.resolveMethod(new InvalidMessageException("x", ERRORS))).extracting(Method::getName)
                .isEqualTo("schemaInvalid");
    }

    @Test
    void aRulesViolationIs422RulesViolatedWithItsErrors() {
        ProblemDetail problem = problems.rulesViolated(new SchematronViolationException(ERRORS));

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:amtsbote:problem:rules-violated"));
        assertThat(problem.getDetail()).isEqualTo("The message breaks its standard's rules");
        assertThat(problem.getProperties()).containsEntry("errors", ERRORS);
    }

    @Test
    void anUnknownCodeIs422UnknownCodeWithItsErrors() {
        ProblemDetail problem = problems.unknownCode(new UnknownCodeException(ERRORS));

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:amtsbote:problem:unknown-code"));
        assertThat(problem.getDetail()).isEqualTo("The message uses codes its code lists do not know");
        assertThat(problem.getProperties()).containsEntry("errors", ERRORS);
    }
}
