package de.amtsbote.answers;

import de.amtsbote.api.Downloads;
import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.DeclaredDocument;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.intake.BoundedBody;
import de.amtsbote.intake.IntakeProperties;
import de.amtsbote.intake.MultipartSubmission;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The specialist systems' door for answers, and where portals and operators read them. Only the body enters the
 * intake route, as with submissions.
 */
@RestController
@Tag(name = "answers")
class AnswerController {

    private final ProducerTemplate camel;
    private final IntakeProperties intake;
    private final Clients clients;
    private final AnswerStore answers;
    private final TrackingStore tracking;
    private final AttachmentStore attachments;
    private final AttachmentProperties attachmentLimits;

    AnswerController(ProducerTemplate camel, IntakeProperties intake, Clients clients, AnswerStore answers,
                     TrackingStore tracking, AttachmentStore attachments, AttachmentProperties attachmentLimits) {
        this.camel = camel;
        this.intake = intake;
        this.clients = clients;
        this.answers = answers;
        this.tracking = tracking;
        this.attachments = attachments;
        this.attachmentLimits = attachmentLimits;
    }

    @Operation(summary = "Answer a submission", description = "An XÖV answer of a specialist system (e.g. XBau "
            + "formellePruefung.0201, generischeQuittierungEingang.1180), correlated with the submission it refers "
            + "to and delivered to its portal. An answer that matches no submission is kept for operators "
            + "(matched: false). Role specialist-system, registered for the connector that declares the answer.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", description = "An XÖV answer")),
                    @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "202", description = "Taken; Location names its XML",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AnswerReceipt.class)))
    @ApiResponse(responseCode = "200", description = "A resend of an answer already taken: the first answer's receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AnswerReceipt.class)))
    @ApiResponse(responseCode = "400", description = "Not well-formed XML (errors: line, column, message)")
    @ApiResponse(responseCode = "409", description = "The message id was already used for another answer")
    @ApiResponse(responseCode = "413", description = "Larger than the hub takes")
    @ApiResponse(responseCode = "415", description = "Not application/xml or text/xml")
    @ApiResponse(responseCode = "422", description = "Invalid against its schema, or no connector takes the answer")
    @PostMapping(path = "/api/v1/answers", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<AnswerReceipt> answer(HttpServletRequest request, Authentication authentication) throws Exception {
        return intake(BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), intake.maxBodySize()),
                authentication, null);
    }

    @Operation(summary = "Answer a submission, with documents beside the answer", description = "The answer and the "
            + "documents it declares (XBau: anhang with dokumentid, dateiname, filesize, hashValue; e.g. a decision "
            + "and its PDF) in one multipart request, shaped as for submissions: multipart/form-data with the answer "
            + "in the part named \"message\" and each document in a part named by its dokumentid, or "
            + "multipart/related with the answer as root part. The documents go to the portal with the answer.")
    @ApiResponse(responseCode = "202", description = "Taken with its documents; Location names its XML",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AnswerReceipt.class)))
    @ApiResponse(responseCode = "200", description = "A resend of an answer already taken: the first answer's receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AnswerReceipt.class)))
    @ApiResponse(responseCode = "400", description = "Not a readable multipart body, or no message part")
    @ApiResponse(responseCode = "413", description = "The answer, a document or all documents larger than the hub takes")
    @ApiResponse(responseCode = "422", description = "A document differs from the answer's declaration (attachment-mismatch, "
            + "naming documentId), or as for an answer without documents")
    @PostMapping(path = "/api/v1/answers", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, "multipart/related"})
    ResponseEntity<AnswerReceipt> answerWithDocuments(HttpServletRequest request, Authentication authentication)
            throws Exception {
        try (AttachmentStore.Incoming incoming = attachments.receive()) {
            return intake(MultipartSubmission.read(request.getInputStream(), request.getContentType(), incoming,
                    intake.maxBodySize(), attachmentLimits), authentication, incoming);
        }
    }

    private ResponseEntity<AnswerReceipt> intake(byte[] body, Authentication authentication,
                                                 AttachmentStore.Incoming incoming) throws Exception {
        Exchange done = camel.send(AnswerIntakeRoute.ENDPOINT, exchange -> {
            exchange.setProperty(AnswerIntakeRoute.CLIENT, clients.of(authentication));
            if (incoming != null) {
                exchange.setProperty(AnswerIntakeRoute.ATTACHMENTS, incoming);
            }
            exchange.getMessage().setBody(body);
        });
        if (done.getException() != null) {
            throw done.getException();
        }
        AnswerReceipt receipt = done.getMessage().getBody(AnswerReceipt.class);
        return ResponseEntity.status(receipt.resend() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create(AnswerStore.payloadPath(receipt.answerId())))
                .body(receipt);
    }

    @Operation(summary = "Answers, newest first", description = "Role operator. With unmatched=true only those that "
            + "matched no submission: kept until an operator sees to them. At most " + AnswerStore.LIST_LIMIT + ".")
    @ApiResponse(responseCode = "200", description = "The answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = Answer.class))))
    @GetMapping("/api/v1/answers")
    List<Answer> list(@RequestParam(defaultValue = "false") boolean unmatched) {
        return answers.list(unmatched);
    }

    @Operation(summary = "The answers to a submission, oldest first", description = "Role portal (its own "
            + "submissions) or operator. Each names where its XML is (payload).")
    @ApiResponse(responseCode = "200", description = "The answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = Answer.class))))
    @ApiResponse(responseCode = "404", description = "No submission with this tracking id")
    @GetMapping("/api/v1/submissions/{trackingId}/answers")
    List<Answer> ofSubmission(@PathVariable String trackingId, Authentication authentication) {
        Submission submission = (TrackingId.isValid(trackingId) ? tracking.find(new TrackingId(trackingId))
                : Optional.<Submission>empty()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No submission with tracking id " + trackingId));
        Client client = clients.of(authentication);
        if (!client.mayRead(submission.submittedBy())) {
            throw new AccessRefusedException(client.id(), "Submission " + trackingId + " was sent by another client");
        }
        return answers.forSubmission(trackingId);
    }

    @Operation(summary = "An answer's XML, as the specialist system sent it", description = "Role portal (answers "
            + "to its own submissions) or operator.")
    @ApiResponse(responseCode = "200", description = "The XML")
    @ApiResponse(responseCode = "404", description = "No answer with this id")
    @GetMapping(path = "/api/v1/answers/{answerId}/payload", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] payload(@PathVariable String answerId, Authentication authentication) {
        if (!answers.exists(answerId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No answer with id " + answerId);
        }
        Client client = clients.of(authentication);
        String portal = answers.portalOf(answerId).orElse(null);
        if (!client.mayRead(portal)) {
            throw new AccessRefusedException(client.id(), "Answer " + answerId + " answers another client's submission");
        }
        return answers.payload(answerId).orElseThrow();
    }

    @Operation(summary = "A document beside an answer, by the SHA-256 the answer declares", description = "Role "
            + "portal (answers to its own submissions) or operator. Kept until the answer was delivered to the "
            + "portal's callback or through XTA, which carried it along.")
    @ApiResponse(responseCode = "200", description = "The document's bytes", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No answer with this id, or no such document beside it (any more)")
    @GetMapping("/api/v1/answers/{answerId}/documents/{sha256}")
    ResponseEntity<Resource> document(@PathVariable String answerId, @PathVariable String sha256,
                                      Authentication authentication) throws XMLStreamException {
        byte[] answer = payload(answerId, authentication);
        StoredAttachment document = attachments.storedForAnswer(answerId, DeclaredDocument.in(answer)).stream()
                .filter(stored -> stored.document().sha256().equalsIgnoreCase(sha256)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Answer " + answerId
                        + " has no document with SHA-256 " + sha256 + " in the hub (any more)"));
        return Downloads.of(document);
    }
}
