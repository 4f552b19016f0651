package de.amtsbote.operations.metrics;

import de.amtsbote.intake.IntakeOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Per connector and door (rest, xta-push, xta-reader): submissions accepted, resends answered, and refusals by reason
 * (the problem type the sender got).
 * A refusal before a connector was chosen (not well-formed, no connector, too large) counts under connector
 * {@value IntakeOutcomes#NO_CONNECTOR}. Requests the security chain turns away (401, 403 for a role) never reach
 * the intake and are not counted here.
 */
@Component
class IntakeMetrics implements IntakeOutcomes {

    static final String ACCEPTED = "amtsbote.intake.accepted";
    static final String RESENT = "amtsbote.intake.resent";
    static final String REJECTED = "amtsbote.intake.rejected";

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accepted(String door, String connector) {
        Counter.builder(ACCEPTED).description("New submissions accepted and queued (202)")
                .tag("connector", connector).tag("door", door).register(registry).increment();
    }

    @Override
    public void resent(String door, String connector) {
        Counter.builder(RESENT).description("Resends answered with the first submission's receipt (200)")
                .tag("connector", connector).tag("door", door).register(registry).increment();
    }

    @Override
    public void rejected(String door, String connector, String reason) {
        Counter.builder(REJECTED).description("Submissions not accepted, by the problem type the sender got")
                .tag("connector", connector).tag("door", door).tag("reason", reason).register(registry).increment();
    }
}
