package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.security.Clients;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
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

    private static final String MULTIPART_RELATED = "multipart/related";

    private final ProducerTemplate camel;
    private final IntakeProperties properties;
    private final Clients clients;
    private final IntakeTally tally;
    private final AttachmentStore attachments;
    private final AttachmentProperties attachmentLimits;

    SubmissionController(ProducerTemplate camel, IntakeProperties properties, Clients clients,
                         IntakeTally tally, AttachmentStore attachments,
                         AttachmentProperties attachmentLimits) {
        this.camel = camel;
        this.attachments = attachments;
        this.attachmentLimits = attachmentLimits;
        this.properties = properties;
        this.clients = clients;
        this.tally = tally;
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
        return intake(() -> BoundedBody.read(request.getInputStream(), request.getContentLengthLong(),
                properties.maxBodySize()), authentication, null);
    }

    @Operation(summary = "Submit an XÖV message with its documents", description = "The message and the documents "
            + "it declares (XBau: anhang with dokumentid, dateiname, filesize, hashValue) in one multipart request: "
            + "multipart/form-data with the message in the part named \"message\" and each document in a part named by "
            + "its dokumentid, or multipart/related with the message as root part and each document's Content-ID "
            + "being its dokumentid. Documents are stored durably before the answer and delivered with the message.")
    @ApiResponse(responseCode = "202", description = "Accepted and queued with its documents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "200", description = "A resend of a message already accepted: the first submission's receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "400", description = "Not a readable multipart body, or no message part")
    @ApiResponse(responseCode = "413", description = "The message, a document or all documents larger than the hub takes")
    @ApiResponse(responseCode = "422", description = "A document's size or hash differs from the message's declaration, "
            + "a declared document is missing, a part is declared by no document (attachment-mismatch, naming "
            + "documentId), or as for a message without documents")
    @PostMapping(path = "/api/v1/submissions", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MULTIPART_RELATED})
    ResponseEntity<Receipt> submitWithDocuments(HttpServletRequest request, Authentication authentication) throws Exception {
        try (AttachmentStore.Incoming incoming = attachments.receive()) {
            return intake(() -> MultipartSubmission.read(request.getInputStream(), request.getContentType(), incoming,
                    properties.maxBodySize(), attachmentLimits), authentication, incoming);
        }
    }

    private ResponseEntity<Receipt> intake(Body read, Authentication authentication, AttachmentStore.Incoming incoming)
            throws Exception {
        Exchange done = null;
        Receipt receipt;
        try {
            byte[] body = read.bytes();
            done = camel.send(SubmissionIntakeRoute.ENDPOINT, exchange -> {
                exchange.setProperty(SubmissionIntakeRoute.CLIENT, clients.of(authentication));
                if (incoming != null) {
                    exchange.setProperty(SubmissionIntakeRoute.ATTACHMENTS, incoming);
                }
                exchange.getMessage().setBody(body);
            });
            if (done.getException() != null) {
                throw done.getException();
            }
            receipt = done.getMessage().getBody(Receipt.class);
        } catch (Exception refused) {
            tally.refused(IntakeOutcomes.Door.REST, done, Intake.problemType(refused));
            throw refused;
        }
        tally.accepted(IntakeOutcomes.Door.REST, receipt);
        // 200 for a resend: nothing new was accepted, the portal gets what it got the first time
        return ResponseEntity.status(receipt.resend() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/submissions/" + receipt.trackingId()))
                .body(receipt);
    }

    private interface Body {
        byte[] bytes() throws IOException;
    }
}
