package de.amtsbote.answers;

import de.amtsbote.connectors.Destination;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How answers go back to the portals that registered a callback URL
 * ({@code amtsbote.security.clients.<id>.callback-url}).
 *
 * @param callbackQueue           the persistent queue of callbacks to portals
 * @param callbackDeadLetterQueue where the broker puts a callback after its own attempt limit (a safety net: the
 *                                hub gives up one attempt earlier and records it on the answer)
 * @param retry                   attempts and waits between them, kept by the broker
 * @param consumers               callbacks in progress at once
 * @param timeout                 for connecting to the portal and for its response
 */
@Validated
@ConfigurationProperties("amtsbote.answers")
public record AnswerProperties(@DefaultValue("callbacks") @NotBlank String callbackQueue,
                               @DefaultValue("callbacks.dead-letter") @NotBlank String callbackDeadLetterQueue,
                               @DefaultValue @Valid @NotNull Destination.Retry retry,
                               @DefaultValue("2") @Positive int consumers,
                               @DefaultValue("30s") @NotNull Duration timeout) {
}
