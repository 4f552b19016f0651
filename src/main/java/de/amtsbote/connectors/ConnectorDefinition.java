package de.amtsbote.connectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A connector as an integrator writes it in {@code routes/<id>/connector.yaml} (its {@code destination:} block is
 * a {@link Destination}).
 *
 * @param standard the id of the header profile in {@code routes/standards/} (e.g. {@code xbau-2.6})
 * @param messages the root elements this connector takes, as {@code {namespace}localName}
 * @param answers  the root elements its specialist system answers with (POST /api/v1/answers), validated like
 *                 the messages; none by default
 */
public record ConnectorDefinition(@NotBlank String id, String description, @NotBlank String standard,
                                  @NotEmpty List<String> messages, @DefaultValue List<String> answers,
                                  @NotNull @Valid Validation validation, @Valid MappingDefinition mapping) {

    /**
     * How a message is checked before it is accepted, all relative to {@code schemas/}.
     *
     * @param schema     the XSD
     * @param schematron optional ISO Schematron rules of the standard (queryBinding xslt2)
     * @param codeLists  optional OASIS genericode files: a code whose list is among them must be one of its keys
     */
    public record Validation(@NotBlank String schema, String schematron, @DefaultValue List<String> codeLists) {
    }

    /**
     * @param stylesheet XSLT 3, relative to the connector's folder
     * @param output     what the stylesheet produces: XML, JSON, or the fields of a legacy case (written by XStream)
     */
    public record MappingDefinition(@NotBlank String stylesheet, @DefaultValue("xml") Output output) {
    }

    public enum Output {
        XML("application/xml"), JSON("application/json"), LEGACY_XML("application/xml");

        private final String contentType;

        Output(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** As a connector file writes it: {@code xml}, {@code json}, {@code legacy-xml}. */
        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }
}
