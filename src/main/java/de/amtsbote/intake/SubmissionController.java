package de.amtsbote.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.camel.Exchange;
import de.amtsbote.security.Clients;
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
class SubmissionController {

    private final ProducerTemplate camel;
    private final IntakeProperties properties;
    private final Clients clients;

    SubmissionController(ProducerTemplate camel, IntakeProperties properties, Clients clients) {
        this.camel = camel;
        this.properties = properties;
        this.clients = clients;
    }

    @PostMapping(path = "/api/v1/submissions", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<Receipt> submit(HttpServletRequest request, Authentication authentication) throws Exception {
        byte[] body = BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), properties.maxBodySize());
        Exchange done = camel.send(SubmissionIntakeRoute.ENDPOINT, exchange -> {
            exchange.setProperty(SubmissionIntakeRoute.CLIENT, clients.of(authentication));
            exchange.getMessage().setBody(body);
        });
        if (done.getException() != null) {
            throw done.getException();
        }
        Receipt receipt = done.getMessage().getBody(Receipt.class);
        // 200 for a resend: nothing new was accepted, the portal gets what it got the first time
        return ResponseEntity.status(receipt.resend() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/submissions/" + receipt.trackingId()))
                .body(receipt);
    }
}
