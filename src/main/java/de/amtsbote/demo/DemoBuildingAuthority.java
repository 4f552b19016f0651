package de.amtsbote.demo;

import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo specialist system's memory: the cases it registered, by message id. A resent message gets the
 * reference number it got the first time (as a real specialist system should deduplicate); every receipt is
 * counted, so tests can prove that nothing arrived twice.
 */
@Component
@ConditionalOnProperty(name = "amtsbote.demo.enabled", havingValue = "true")
public class DemoBuildingAuthority {

    private final Map<String, String> references = new ConcurrentHashMap<>();
    private final Map<String, List<Document>> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** A document that came with a case as an MTOM attachment, as the authority checks it. */
    public record Document(String contentId, long size, String sha256) {
    }

    String register(String messageId, List<Document> attached) {
        if (!attached.isEmpty()) {
            documents.put(messageId, List.copyOf(attached));
        }
        receipts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        return references.computeIfAbsent(messageId,
                id -> "BA-" + Year.now() + "-" + String.format("%06d", sequence.incrementAndGet()));
    }

    /** The documents that came with a message; empty if none did. */
    public List<Document> documentsOf(String messageId) {
        return documents.getOrDefault(messageId, List.of());
    }

    /** How often a message arrived: 1 is right, 0 lost, more than 1 duplicated. */
    public int receiptsOf(String messageId) {
        AtomicInteger count = receipts.get(messageId);
        return count == null ? 0 : count.get();
    }
}
