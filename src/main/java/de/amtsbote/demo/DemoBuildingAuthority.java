package de.amtsbote.demo;

import java.time.Year;
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
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    String register(String messageId) {
        receipts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        return references.computeIfAbsent(messageId,
                id -> "BA-" + Year.now() + "-" + String.format("%06d", sequence.incrementAndGet()));
    }

    /** How often a message arrived: 1 is right, 0 lost, more than 1 duplicated. */
    public int receiptsOf(String messageId) {
        AtomicInteger count = receipts.get(messageId);
        return count == null ? 0 : count.get();
    }
}
