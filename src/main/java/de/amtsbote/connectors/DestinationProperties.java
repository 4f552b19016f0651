package de.amtsbote.connectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The specialist systems the hub delivers to, by id. A deployer must set each destination's address. */
@Validated
@ConfigurationProperties("amtsbote")
public record DestinationProperties(Map<String, @Valid Destination> destinations) {

    public DestinationProperties {
        destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
    }

    public enum Protocol { SOAP }

    /**
     * One specialist system and how to reach it.
     *
     * @param service   SOAP service name as {@code {namespace}local}, as in the WSDL
     * @param port      SOAP port name as {@code {namespace}local}, as in the WSDL
     * @param consumers parallel deliveries to this destination
     * @param retry     how often and how patiently the broker redelivers after a failed attempt
     */
    public record Destination(@NotNull Protocol protocol, @NotBlank String address, @NotBlank String wsdl,
                              @NotBlank String service, @NotBlank String port, @NotBlank String operation,
                              @Min(1) int consumers, @NotNull @Valid Retry retry) {
    }

    /**
     * Broker-side redelivery: the wait between attempts lives in the broker, not in a hub thread.
     *
     * @param maxAttempts attempts before the message goes to the dead-letter store
     */
    public record Retry(@Min(1) int maxAttempts, @NotNull Duration delay, double multiplier, @NotNull Duration maxDelay) {

        /** How long a message is retried before it is given up: the sum of the waits between its attempts. */
        public Duration patience() {
            Duration total = Duration.ZERO;
            double wait = delay.toMillis();
            for (int attempt = 1; attempt < maxAttempts; attempt++) {
                total = total.plusMillis((long) Math.min(wait, maxDelay.toMillis()));
                wait *= Math.max(multiplier, 1.0);
            }
            return total;
        }
    }
}
