package de.amtsbote.intake;

import de.amtsbote.operations.Listeners;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link IntakeOutcomes} listeners what became of a submission, for whichever door it came through. A
 * door calls it once per submission: with the receipt, or with the refusal (also one before the intake route, e.g.
 * a body too large to read, which then counts under {@link IntakeOutcomes#NO_CONNECTOR}).
 */
@Component
public class IntakeTally {

    private final Listeners<IntakeOutcomes> outcomes;

    IntakeTally(ObjectProvider<IntakeOutcomes> outcomes) {
        this.outcomes = new Listeners<>(outcomes, "Intake outcome");
    }

    public void accepted(IntakeOutcomes.Door door, Receipt receipt) {
        outcomes.tell(listener -> {
            if (receipt.resend()) {
                listener.resent(door.tag(), receipt.connector());
            } else {
                listener.accepted(door.tag(), receipt.connector());
            }
        });
    }

    /**
     * @param exchange the exchange that went through the intake route, or null if the refusal came before it
     * @param reason   the problem type the sender got ({@link Intake#problemType}, or the door's own)
     */
    public void refused(IntakeOutcomes.Door door, Exchange exchange, String reason) {
        String connector = exchange == null ? null : SubmissionIntakeRoute.connectorOf(exchange);
        outcomes.tell(listener -> listener.rejected(door.tag(),
                connector == null ? IntakeOutcomes.NO_CONNECTOR : connector, reason));
    }
}
