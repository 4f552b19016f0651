package de.amtsbote.connectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A specialist system and how to reach it, as a connector's {@code destination:} block declares it. A deployer
 * changes any field for an installation with {@code amtsbote.destinations.<id>.<field>} (environment, secrets
 * files), which wins over the connector file: addresses and credentials differ between test and production.
 *
 * @param address     SOAP/REST: the URL; file: the directory; SFTP: {@code sftp://host[:port]/directory}; JMS: the
 *                    queue name; message box: none (the box is the hub's own, named by the destination id)
 * @param credentials the name of a credentials entry ({@code amtsbote.credentials.<name>}), never the secret itself
 * @param consumers   parallel deliveries to this destination
 * @param retry       how often and how patiently the broker redelivers after a failed attempt
 */
public record Destination(@NotBlank String id, @NotNull Protocol protocol, String address, String credentials,
                          @DefaultValue("2") @Min(1) int consumers, @DefaultValue @Valid Retry retry,
                          @DefaultValue @Valid Soap soap, @DefaultValue @Valid Rest rest, @DefaultValue Sftp sftp) {

    /** MSGBOX: the hub keeps the message in the destination's message box, and the specialist system pulls it. */
    public enum Protocol { SOAP, REST, FILE, SFTP, JMS, MSGBOX }

    /** Every protocol but the message box pushes to an address. */
    @AssertTrue(message = "address must be set for every protocol but msgbox")
    public boolean isAddressSet() {
        return protocol == Protocol.MSGBOX || (address != null && !address.isBlank());
    }

    /**
     * Broker-side redelivery: the wait between attempts lives in the broker, not in a hub thread. The defaults wait
     * 1 s, 2 s, 4 s ... then every 15 min: 300 attempts span about 3 days of outage.
     *
     * @param maxAttempts attempts before the message goes to the dead-letter store
     */
    public record Retry(@DefaultValue("300") @Min(1) int maxAttempts, @DefaultValue("1s") @NotNull Duration delay,
                        @DefaultValue("2") double multiplier, @DefaultValue("15m") @NotNull Duration maxDelay) {

        /** How long a message is retried before it is given up: the sum of the waits between its attempts. */
        public Duration patience() {
            Duration total = Duration.ZERO;
            for (int attempt = 1; attempt < maxAttempts; attempt++) {
                total = total.plus(delayAfter(attempt));
            }
            return total;
        }

        /** The wait after the given attempt (from 1): {@code delay}, growing by {@code multiplier} up to {@code maxDelay}. */
        public Duration delayAfter(int attempt) {
            double wait = delay.toMillis() * Math.pow(Math.max(multiplier, 1.0), attempt - 1);
            return Duration.ofMillis((long) Math.min(wait, maxDelay.toMillis()));
        }
    }

    /**
     * The SOAP contract; by default the hub's own delivery contract ({@code wsdl/fachverfahren.wsdl}).
     *
     * @param mtom the system takes documents beside the message as MTOM attachments (a call without documents is
     *             plain SOAP either way)
     */
    public record Soap(@DefaultValue("classpath:wsdl/fachverfahren.wsdl") @NotBlank String wsdl,
                       @DefaultValue("{urn:de:amtsbote:fachverfahren:1}FachverfahrenService") @NotBlank String service,
                       @DefaultValue("{urn:de:amtsbote:fachverfahren:1}FachverfahrenPort") @NotBlank String port,
                       @DefaultValue("einreichen") @NotBlank String operation,
                       @DefaultValue("false") boolean mtom) {
    }

    /**
     * Whether documents beside the message can go along: as parts of a REST request, as files of a file drop or
     * SFTP server, as MTOM attachments of a SOAP call to a system that declares it takes them ({@code soap.mtom}),
     * beside the message in a message box.
     */
    public boolean takesDocuments() {
        return switch (protocol()) {
            case REST, FILE, SFTP, MSGBOX -> true;
            case SOAP -> soap().mtom();
            case JMS -> false;
        };
    }

    /** The HTTP method of a REST delivery; the content type follows from the mapping's output. */
    public record Rest(@DefaultValue("POST") @NotBlank String method) {
    }

    /**
     * @param knownHosts a known_hosts file with the SFTP server's host key: the hub delivers only to that server
     */
    public record Sftp(String knownHosts) {
    }
}
