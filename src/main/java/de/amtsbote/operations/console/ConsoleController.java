package de.amtsbote.operations.console;

import de.amtsbote.answers.AnswerStore;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.ConnectorSamples;
import de.amtsbote.delivery.DeliveryProperties;
import de.amtsbote.operations.DeadLetterOperations;
import de.amtsbote.operations.metrics.Backlog;
import de.amtsbote.security.AuditLog;
import de.amtsbote.tracking.DeadLetter;
import de.amtsbote.tracking.PayloadStore;
import de.amtsbote.tracking.DeadLetterStore;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.SubmissionQuery;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operations console: server-side pages for operators (the console security chain lets only them in). Every
 * value is written with {@code th:text}, so Thymeleaf escapes it; payloads are text, never markup. Actions that
 * change state (replay, discard) are POSTs from a confirmation page, with a CSRF token, and go to the audit log.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

    static final int PAGE_SIZE = 50;

    private final TrackingStore tracking;
    private final DeadLetterStore deadLetters;
    private final DeadLetterOperations operations;
    private final ConnectorRegistry connectors;
    private final ConnectorSamples samples;
    private final PayloadStore payloads;
    private final AnswerStore answers;
    private final Backlog backlog;
    private final DeliveryProperties delivery;
    private final AuditLog audit;

    ConsoleController(TrackingStore tracking, DeadLetterStore deadLetters, DeadLetterOperations operations,
                      ConnectorRegistry connectors, ConnectorSamples samples, PayloadStore payloads,
                      AnswerStore answers, Backlog backlog, DeliveryProperties delivery,
                      AuditLog audit) {
        this.tracking = tracking;
        this.deadLetters = deadLetters;
        this.operations = operations;
        this.connectors = connectors;
        this.samples = samples;
        this.payloads = payloads;
        this.answers = answers;
        this.backlog = backlog;
        this.delivery = delivery;
        this.audit = audit;
    }

    /** A destination's queue as the metrics' latest broker reading has it; the reading is null before the first. */
    record QueueRow(String destination, String queue, Backlog.Reading reading) {
    }

    /** Asked for by a page, found nowhere. */
    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what);
        }
    }

    @ModelAttribute("operator")
    String operator(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping
    String dashboard(Model model) {
        Instant now = Instant.now();
        model.addAttribute("now", now);
        model.addAttribute("statuses", SubmissionStatus.values());
        model.addAttribute("lastHour", countTable(tracking.countsSince(now.minus(Duration.ofHours(1)))));
        model.addAttribute("lastDay", countTable(tracking.countsSince(now.minus(Duration.ofDays(1)))));
        model.addAttribute("queues", connectors.destinations().keySet().stream().sorted()
                .map(id -> new QueueRow(id, delivery.queueFor(id), backlog.of(id).orElse(null))).toList());
        model.addAttribute("deadLetters", deadLetters.countsByDestination());
        model.addAttribute("failing", tracking.failingDestinations());
        return "console/dashboard";
    }

    /** Connector → status name → count, every connector with a count for every status (0 when none). */
    private Map<String, Map<String, Long>> countTable(List<TrackingStore.StatusCount> counts) {
        TreeSet<String> names = new TreeSet<>();
        connectors.all().forEach(connector -> names.add(connector.id()));
        counts.forEach(count -> names.add(count.connector()));
        Map<String, Map<String, Long>> table = new TreeMap<>();
        for (String name : names) {
            Map<String, Long> row = new LinkedHashMap<>();
            Arrays.stream(SubmissionStatus.values()).forEach(status -> row.put(status.name(), 0L));
            table.put(name, row);
        }
        counts.forEach(count -> table.get(count.connector()).put(count.status().name(), count.count()));
        return table;
    }

    @GetMapping("/submissions")
    String search(@RequestParam(required = false) String trackingId, @RequestParam(required = false) String messageId,
                  @RequestParam(required = false) String connector, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("statuses", SubmissionStatus.values());
        model.addAttribute("connectors", connectors.all().stream().map(c -> c.id()).sorted().toList());
        model.addAttribute("trackingId", trackingId);
        model.addAttribute("messageId", messageId);
        model.addAttribute("connector", connector);
        model.addAttribute("status", status);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        SubmissionQuery query;
        try {
            query = new SubmissionQuery(blankToNull(trackingId), blankToNull(messageId), blankToNull(connector),
                    blankToNull(status) == null ? null : SubmissionStatus.valueOf(status.strip()),
                    instant(from), instant(to));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            model.addAttribute("problem", "Search not understood: status must be one of the list, times as "
                    + "yyyy-MM-ddTHH:mm (UTC).");
            return "console/submissions";
        }
        model.addAttribute("result", tracking.search(query, Math.max(page, 0), PAGE_SIZE));
        return "console/submissions";
    }

    @GetMapping("/submissions/{trackingId}")
    String submission(@PathVariable String trackingId, Model model) {
        TrackingId id = trackingId(trackingId);
        Submission submission = tracking.find(id).orElseThrow(() -> new NotFound("No submission " + trackingId));
        Optional<DeadLetter> deadLetter = deadLetters.find(id);
        model.addAttribute("submission", submission);
        model.addAttribute("deadLetter", deadLetter.orElse(null));
        model.addAttribute("payload", payloadOf(id).map(PayloadView::of).orElse(null));
        model.addAttribute("payloadRetention", payloads.retention());
        model.addAttribute("answers", answers.forSubmission(id.value()));
        return "console/submission";
    }

    /** A dead letter's own copy, else the content kept for the retention period. */
    private Optional<byte[]> payloadOf(TrackingId id) {
        return deadLetters.find(id).map(DeadLetter::payload).or(() -> payloads.find(id));
    }

    /** The payload as a file: the browser saves it, never renders it. */
    @GetMapping("/submissions/{trackingId}/payload")
    ResponseEntity<byte[]> payload(@PathVariable String trackingId) {
        TrackingId id = trackingId(trackingId);
        return download(id.value() + ".xml", payloadOf(id).orElseThrow(() -> new NotFound("No payload kept for " + trackingId)));
    }

    /** An answer of a specialist system as a file, like a payload. */
    @GetMapping("/answers/{answerId}/payload")
    ResponseEntity<byte[]> answerPayload(@PathVariable String answerId) {
        return download("answer-" + answerId + ".xml", answers.payload(answerId)
                .orElseThrow(() -> new NotFound("No answer " + answerId)));
    }

    private static ResponseEntity<byte[]> download(String fileName, byte[] content) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String destination, @RequestParam(defaultValue = "0") int page,
                       Model model) {
        model.addAttribute("destination", blankToNull(destination));
        model.addAttribute("perDestination", deadLetters.countsByDestination());
        model.addAttribute("result", deadLetters.list(null, blankToNull(destination), Math.max(page, 0), PAGE_SIZE));
        return "console/dead-letters";
    }

    @GetMapping("/dead-letters/{trackingId}/replay")
    String confirmReplay(@PathVariable String trackingId, Model model) {
        model.addAttribute("letter", deadLetter(trackingId));
        model.addAttribute("action", "replay");
        return "console/confirm";
    }

    @PostMapping("/dead-letters/{trackingId}/replay")
    String replay(@PathVariable String trackingId, Authentication operator, RedirectAttributes flash) {
        if (!operations.replay(trackingId(trackingId))) {
            throw new NotFound("No dead letter " + trackingId + " (replayed or discarded already?)");
        }
        audit.performed(operator.getName(), "replay dead letter " + trackingId + " (console)");
        flash.addFlashAttribute("done", "Dead letter " + trackingId + " replayed: it is queued for delivery again.");
        return "redirect:/console/submissions/" + trackingId;
    }

    @GetMapping("/dead-letters/{trackingId}/discard")
    String confirmDiscard(@PathVariable String trackingId, Model model) {
        model.addAttribute("letter", deadLetter(trackingId));
        model.addAttribute("action", "discard");
        return "console/confirm";
    }

    @PostMapping("/dead-letters/{trackingId}/discard")
    String discard(@PathVariable String trackingId, @RequestParam(required = false) String reason,
                   Authentication operator, Model model, RedirectAttributes flash) {
        if (blankToNull(reason) == null) {
            model.addAttribute("letter", deadLetter(trackingId));
            model.addAttribute("action", "discard");
            model.addAttribute("problem", "A discard needs a reason; it stays in the submission's history.");
            return "console/confirm";
        }
        if (!operations.discard(trackingId(trackingId), reason.strip())) {
            throw new NotFound("No dead letter " + trackingId + " (replayed or discarded already?)");
        }
        audit.performed(operator.getName(), "discard dead letter " + trackingId + " (console)");
        flash.addFlashAttribute("done", "Dead letter " + trackingId + " discarded.");
        return "redirect:/console/submissions/" + trackingId;
    }

    @GetMapping("/dead-letters/replay")
    String confirmReplayAll(@RequestParam String destination, Model model) {
        model.addAttribute("destination", destination);
        model.addAttribute("count", deadLetters.countsByDestination().getOrDefault(destination, 0L));
        model.addAttribute("action", "replay-all");
        return "console/confirm";
    }

    @PostMapping("/dead-letters/replay")
    String replayAll(@RequestParam String destination, Authentication operator, RedirectAttributes flash) {
        int replayed = operations.replayAll(destination);
        audit.performed(operator.getName(), "replay " + replayed + " dead letters of destination " + destination
                + " (console)");
        flash.addFlashAttribute("done", replayed + " dead letters of " + destination + " replayed.");
        return "redirect:/console/dead-letters";
    }

    @GetMapping("/connectors")
    String connectors(Model model) {
        model.addAttribute("connectors", connectors.all());
        model.addAttribute("samples", connectors.all().stream()
                .collect(java.util.stream.Collectors.toMap(Connector::id, samples::of)));
        return "console/connectors";
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound notFound, Model model) {
        model.addAttribute("problem", notFound.getMessage());
        return "console/not-found";
    }

    private DeadLetter deadLetter(String trackingId) {
        return deadLetters.find(trackingId(trackingId))
                .orElseThrow(() -> new NotFound("No dead letter " + trackingId + " (replayed or discarded already?)"));
    }

    private static TrackingId trackingId(String value) {
        if (!TrackingId.isValid(value)) {
            throw new NotFound("Not a tracking id: " + value);
        }
        return new TrackingId(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A datetime-local field's value, read as UTC. */
    private static Instant instant(String value) {
        String text = blankToNull(value);
        return text == null ? null : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
}
