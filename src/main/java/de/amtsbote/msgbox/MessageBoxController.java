package de.amtsbote.msgbox;

import de.amtsbote.api.Downloads;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import de.amtsbote.tracking.MessageBoxEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pull API of message-box destinations over REST, for specialist systems that cannot take pushes: list the
 * pending messages, fetch one, close it. Only a close makes a message DELIVERED.
 */
@RestController
@Tag(name = "message boxes")
class MessageBoxController {

    private static final String ROLE = "Role specialist-system, serving a connector whose destination is this box.";

    private final MessageBoxes boxes;
    private final Clients clients;

    MessageBoxController(MessageBoxes boxes, Clients clients) {
        this.boxes = boxes;
        this.clients = clients;
    }

    @Operation(summary = "The pending messages of a message box, oldest first",
            description = ROLE + " At most limit (default 100, at most amtsbote.message-boxes.max-list-items).")
    @ApiResponse(responseCode = "200", description = "The pending messages, without their content",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = MessageBoxEntry.class))))
    @ApiResponse(responseCode = "404", description = "No message box with this name")
    @GetMapping("/api/v1/message-boxes/{destination}/messages")
    List<MessageBoxEntry> pending(@PathVariable String destination, @RequestParam(defaultValue = "100") int limit,
                                  Authentication authentication) {
        boxes.checkMayRead(clients.of(authentication), destination);
        return boxes.pending(Set.of(destination), limit);
    }

    @Operation(summary = "A pending message's content, as the connector's mapping produced it",
            description = ROLE + " Answered with the content's own type (XML or JSON).")
    @ApiResponse(responseCode = "200", description = "The content", content = {
            @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "No such message in this box, or it was closed")
    @GetMapping("/api/v1/message-boxes/{destination}/messages/{trackingId}")
    ResponseEntity<byte[]> message(@PathVariable String destination, @PathVariable String trackingId,
                                   Authentication authentication) {
        boxes.checkMayRead(clients.of(authentication), destination);
        MessageBoxEntry entry = boxes.entry(destination, trackingId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(entry.contentType()))
                .header("X-Amtsbote-Message-Id", entry.messageId())
                .body(boxes.payload(entry));
    }

    @Operation(summary = "A document beside a pending message, by the SHA-256 its listing names",
            description = ROLE + " Streamed from the attachment store; the file name is the one the message declares.")
    @ApiResponse(responseCode = "200", description = "The document's bytes", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No such message or document in this box, or it was closed")
    @GetMapping("/api/v1/message-boxes/{destination}/messages/{trackingId}/documents/{sha256}")
    ResponseEntity<Resource> document(@PathVariable String destination, @PathVariable String trackingId,
                                      @PathVariable String sha256, Authentication authentication) {
        boxes.checkMayRead(clients.of(authentication), destination);
        StoredAttachment document = boxes.document(boxes.entry(destination, trackingId), sha256);
        return Downloads.of(document);
    }

    @Operation(summary = "Close a message: the specialist system has it, it counts as delivered",
            description = ROLE + " Closing a closed message again is fine: the answer names the first close.")
    @ApiResponse(responseCode = "200", description = "The message as closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = MessageBoxEntry.class)))
    @ApiResponse(responseCode = "404", description = "No such message in this box")
    @PostMapping("/api/v1/message-boxes/{destination}/messages/{trackingId}/close")
    MessageBoxEntry close(@PathVariable String destination, @PathVariable String trackingId,
                          Authentication authentication) {
        Client client = clients.of(authentication);
        boxes.checkMayRead(client, destination);
        return boxes.close(client, boxes.entry(destination, trackingId), "REST").entry();
    }
}
