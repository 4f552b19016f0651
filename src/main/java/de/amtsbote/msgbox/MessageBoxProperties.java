package de.amtsbote.msgbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How specialist systems pull from message-box destinations.
 *
 * @param maxListItems the most messages one list names (REST {@code limit}, XTA {@code maxListItems})
 * @param soap         the XTA-shaped MsgBoxPort the hub serves
 */
@Validated
@ConfigurationProperties("amtsbote.message-boxes")
public record MessageBoxProperties(@DefaultValue("500") @Positive int maxListItems, @Valid @DefaultValue Soap soap) {

    /**
     * @param enabled on by default: like every door but health, it needs a client's credentials
     * @param path    below {@code /services}
     */
    public record Soap(@DefaultValue("true") boolean enabled, @DefaultValue("/xta/msgbox") @NotBlank String path) {
    }
}
