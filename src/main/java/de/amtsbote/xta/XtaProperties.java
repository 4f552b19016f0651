package de.amtsbote.xta;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * XTA 2: the message boxes the hub reads on the city's XTA server, and the push endpoint for senders.
 *
 * @param accounts by account id; each enabled one gets its own reader route
 * @param push     the SendXtaPort the hub serves
 */
@Validated
@ConfigurationProperties("amtsbote.xta")
public record XtaProperties(Map<String, @Valid Account> accounts, @Valid @DefaultValue Push push) {

    public XtaProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /**
     * One message box on the city's XTA server.
     *
     * @param enabled          off unless set
     * @param msgBoxAddress    the XTA server's MsgBoxPort URL
     * @param sendAddress      the XTA server's SendXtaPort URL: answers to the messages fetched from this box go back
     *                         to their authors through it; without it they are only kept for the portal to read
     * @param managementAddress the XTA server's ManagementPort URL: with it, the account's health asks
     *                         checkAccountActive, and each answer's MessageID comes from createMessageId; without it
     *                         the hub names answers itself ({@code urn:de:amtsbote:answer:<answerId>})
     * @param readerIdentifier the party identifier the box belongs to (the city's DVDV key), sent as the account
     * @param readerType       how the identifier is to be read (PartyIdentifier/@type)
     * @param pollInterval     between two status list requests
     * @param maxListItems     the most messages one status list names
     * @param client           the configured portal client the messages are submitted as (its connectors apply)
     * @param autoStart        false: the reader route waits until it is started (Camel's route controller)
     */
    public record Account(boolean enabled, String msgBoxAddress, String sendAddress, String managementAddress,
                          @NotBlank String readerIdentifier,
                          @DefaultValue("xoev") @NotBlank String readerType,
                          @DefaultValue("30s") Duration pollInterval,
                          @DefaultValue("100") @Positive int maxListItems,
                          @NotBlank String client,
                          @DefaultValue("true") boolean autoStart) {

        boolean hasManagementPort() {
            return managementAddress != null && !managementAddress.isBlank();
        }
    }

    /**
     * @param enabled on by default: like every door but health, it needs a client's credentials
     * @param path    below {@code /services}
     */
    public record Push(@DefaultValue("true") boolean enabled, @DefaultValue("/xta/send") String path) {
    }
}
