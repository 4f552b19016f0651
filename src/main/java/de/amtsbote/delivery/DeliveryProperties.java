package de.amtsbote.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Queues and broker tuning for delivery.
 *
 * @param queuePrefix           each destination has its own queue, named prefix + destination id
 * @param deadLetterQueue       where messages go when no attempt is left or the failure is permanent
 * @param journalBufferTimeout  the embedded broker's journal flush timer; Artemis' default (3.33 ms) caps each
 *                              sending thread near 300 messages/s
 * @param groupBuckets          message groups per delivery queue: each case hashes into one, and a group's
 *                              messages are delivered in order by one consumer at a time
 * @param configureExternalBroker whether the hub sets its queues' redelivery policy on an external broker
 *                              (needs the manage permission); the embedded broker is always configured
 * @param deliveredKeysRetention how long the idempotent repository remembers a delivered message: longer than
 *                              any destination's retry patience
 */
@Validated
@ConfigurationProperties("amtsbote.delivery")
public record DeliveryProperties(@NotBlank String queuePrefix, @NotBlank String deadLetterQueue,
                                 @NotNull Duration journalBufferTimeout, @Positive int groupBuckets,
                                 boolean configureExternalBroker, @NotNull Duration deliveredKeysRetention) {

    public String queueFor(String destinationId) {
        return queuePrefix + destinationId;
    }
}
