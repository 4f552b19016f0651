package de.amtsbote.intake;

import de.amtsbote.security.Clients;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portals' door. Only the body enters the intake route: no HTTP header becomes an exchange header, so a
 * client cannot steer Camel. The 202 is sent after the route has the submission durably queued.
 */
@RestController
@Tag(name = "submissions")
class SubmissionController {

    private final ProducerTemplate camel;
    private final IntakeProperties properties;
    private final Clients clients;
    private final ObjectProvider<IntakeOutcomes> outcomes;

    SubmissionController(ProducerTemplate camel, IntakeProperties properties, Clients clients,
                         ObjectProvider<IntakeOutcomes> outcomes) {
        this.camel = camel;
        this.properties = properties;
        this.clients = clients;
        this.outcomes = outcomes;
    }

    @Operation(summary = "Submit an XÖV message", description = "Answers once the message is durably queued; "
            + "delivery to the specialist system follows. Role portal, registered for the message's connector.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", description = "An XÖV message")),
                    @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "202", description = "Accepted and queued; Location names the status resource",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "200", description = "A resend of a message already accepted: the first submission's receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "400", description = "Not well-formed XML (errors: line, column, message)")
    @ApiResponse(responseCode = "409", description = "The message id was already used for another message")
    @ApiResponse(responseCode = "413", description = "Larger than the hub takes")
    @ApiResponse(responseCode = "415", description = "Not application/xml or text/xml")
    @ApiResponse(responseCode = "422", description = "Invalid against its schema, or no connector takes the message")
    @PostMapping(path = "/api/v1/submissions", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<Receipt> submit(HttpServletRequest request, Authentication authentication) throws Exception {
        Exchange done = null;
        Receipt receipt;
        try {
            byte[] body = BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), properties.maxBodySize());
            done = camel.send(SubmissionIntakeRoute.ENDPOINT, exchange -> {
                exchange.setProperty(SubmissionIntakeRoute.CLIENT, clients.of(authentication));
                exchange.getMessage().setBody(body);
            });
            if (done.getException() != null) {
                throw done.getException();
            }
            receipt = done.getMessage().getBody(Receipt.class);
        } catch (Exception refused) {
            String connector = done == null ? null : SubmissionIntakeRoute.connectorOf(done);
            tell(listener -> listener.rejected(connector == null ? IntakeOutcomes.NO_CONNECTOR : connector,
                    Intake.problemType(refused)));
            throw refused;
        }
        tell(listener -> {
            if (receipt.resend()) {
                listener.resent(receipt.connector());
            } else {
                listener.accepted(receipt.connector());
            }
        });
        // 200 for a resend: nothing new was accepted, the portal gets what it got the first time
        return ResponseEntity.status(receipt.resend() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/submissions/" + receipt.trackingId()))
                .body(receipt);
    }

    private void tell(Consumer<IntakeOutcomes> event) {
        outcomes.orderedStream().forEach(event);
    }
}
