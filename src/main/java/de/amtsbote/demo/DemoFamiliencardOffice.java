package de.amtsbote.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Year;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A demo Familiencard office: a REST specialist system that takes applications as JSON, registers each once by its
 * {@code Idempotency-Key} (the message id) and answers with a file number. It stands in for the real system on a
 * developer's machine and in tests, which read what it received.
 */
@RestController
@ConditionalOnProperty(name = "amtsbote.demo.enabled", havingValue = "true")
public class DemoFamiliencardOffice {

    public static final String PATH = "/demo/familiencard/antraege";

    private final Map<String, String> fileNumbers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> applications = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@RequestHeader("Idempotency-Key") String messageId, @RequestBody JsonNode application) {
        receipts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        applications.put(messageId, application);
        return Map.of("aktenzeichen", fileNumbers.computeIfAbsent(messageId,
                id -> "FC-" + Year.now() + "-" + String.format("%06d", sequence.incrementAndGet())));
    }

    /** How often a message arrived: 1 is right, 0 lost, more than 1 duplicated. */
    public int receiptsOf(String messageId) {
        AtomicInteger count = receipts.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** The last application received for a message id. */
    public Optional<JsonNode> applicationOf(String messageId) {
        return Optional.ofNullable(applications.get(messageId));
    }
}
