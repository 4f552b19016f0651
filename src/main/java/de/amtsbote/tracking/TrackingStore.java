package de.amtsbote.tracking;

import de.amtsbote.xoev.XoevHeader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status and history of every submission (tables {@code submission} and {@code submission_event}).
 * A status change and its history entry are written in one transaction.
 */
@Repository
public class TrackingStore {

    private final JdbcTemplate jdbc;

    public TrackingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new submission.
     *
     * @throws DuplicateKeyException when a submission with the same standard and message id exists: a resend
     */
    @Transactional
    public void accepted(NewSubmission submission, List<String> details) {
        XoevHeader header = submission.header();
        OffsetDateTime now = now();
        jdbc.update("""
                insert into submission (tracking_id, message_id, message_type, root_element, standard, standard_version,
                                        test, connector, destination, case_reference, submitted_by, content_sha256,
                                        status, attempts, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                submission.trackingId().value(), header.messageId(),
                header.messageType() == null ? null : header.messageType().code(), header.root().toString(),
                header.standard(), header.version(), header.test(), submission.connector(), submission.destination(),
                header.caseReference(), submission.submittedBy(), submission.contentSha256(),
                SubmissionStatus.ACCEPTED.name(), now, now);
        for (String detail : details) {
            event(submission.trackingId(), SubmissionStatus.ACCEPTED, now, detail);
        }
    }

    /** Removes a submission that was never queued: the portal was told it was not accepted. */
    @Transactional
    public void forget(TrackingId trackingId) {
        jdbc.update("delete from submission_payload where tracking_id = ?", trackingId.value());
        jdbc.update("delete from submission_event where tracking_id = ?", trackingId.value());
        jdbc.update("delete from submission where tracking_id = ?", trackingId.value());
    }

    /**
     * QUEUED only replaces ACCEPTED: a delivery faster than this update keeps its status, and the history
     * still gains the QUEUED entry, dated when the sending began so that it comes before the delivery's.
     */
    @Transactional
    public void queued(TrackingId trackingId, Instant sendingSince, String detail) {
        OffsetDateTime now = now();
        jdbc.update("update submission set status = ?, updated_at = ? where tracking_id = ? and status = ?",
                SubmissionStatus.QUEUED.name(), now, trackingId.value(), SubmissionStatus.ACCEPTED.name());
        event(trackingId, SubmissionStatus.QUEUED, sendingSince.atOffset(ZoneOffset.UTC), detail);
    }

    /**
     * A delivered submission (or one put into its message box) leaves the dead-letter store too, should a replay
     * have left its entry behind.
     */
    @Transactional
    public void attempted(TrackingId trackingId, SubmissionStatus outcome, int attempt, String detail) {
        OffsetDateTime now = now();
        jdbc.update("update submission set status = ?, attempts = ?, updated_at = ? where tracking_id = ?",
                outcome.name(), attempt, now, trackingId.value());
        event(trackingId, outcome, now, detail);
        if (outcome == SubmissionStatus.DELIVERED || outcome == SubmissionStatus.IN_MESSAGE_BOX) {
            jdbc.update("delete from dead_letter where tracking_id = ?", trackingId.value());
        }
    }

    /** A status change that is not a delivery attempt: a redelivery skipped, a replay, a discard. */
    @Transactional
    public void changed(TrackingId trackingId, SubmissionStatus status, String detail) {
        OffsetDateTime now = now();
        jdbc.update("update submission set status = ?, updated_at = ? where tracking_id = ?",
                status.name(), now, trackingId.value());
        event(trackingId, status, now, detail);
    }

    /** Adds to the history without changing the status. */
    public void noted(TrackingId trackingId, SubmissionStatus status, String detail) {
        event(trackingId, status, now(), detail);
    }

    public boolean isTracked(TrackingId trackingId) {
        Integer rows = jdbc.queryForObject("select count(*) from submission where tracking_id = ?", Integer.class,
                trackingId.value());
        return rows != null && rows > 0;
    }

    /** The submission a resend repeats: same standard, same message id. */
    public Optional<Submission> findByMessage(String standard, String messageId) {
        return jdbc.query("select * from submission where standard = ? and message_id = ?",
                (rs, row) -> submissionWithoutHistory(rs), standard, messageId).stream().findFirst();
    }

    /**
     * The submission of a connector that an answer refers to: the one with the answered message id, else the first
     * accepted of the case the answer names (the portal's referenzAntragsservice). Empty when neither matches.
     */
    public Optional<Submission> findAnswered(String connector, String messageId, String caseReference) {
        Optional<Submission> byMessage = messageId == null ? Optional.empty()
                : jdbc.query("select * from submission where connector = ? and message_id = ? order by accepted_seq"
                        + " fetch first 1 rows only", (rs, row) -> submissionWithoutHistory(rs), connector, messageId)
                .stream().findFirst();
        if (byMessage.isPresent() || caseReference == null) {
            return byMessage;
        }
        return jdbc.query("select * from submission where connector = ? and case_reference = ? order by accepted_seq"
                + " fetch first 1 rows only", (rs, row) -> submissionWithoutHistory(rs), connector, caseReference)
                .stream().findFirst();
    }

    /** An earlier message of a case, still on its way. */
    public record Predecessor(String messageId, String caseReference) {
    }

    /**
     * The oldest message of the same case and destination, accepted before this one, that is still on its way:
     * this one must wait for it. Empty when there is none (or the message names no case).
     */
    public Optional<Predecessor> pendingPredecessor(TrackingId trackingId) {
        return jdbc.query("""
                select earlier.message_id, earlier.case_reference from submission msg
                join submission earlier on earlier.case_reference = msg.case_reference
                                       and earlier.destination = msg.destination
                                       and earlier.accepted_seq < msg.accepted_seq
                where msg.tracking_id = ? and earlier.status in (?, ?, ?)
                order by earlier.accepted_seq fetch first 1 rows only""",
                (rs, row) -> new Predecessor(rs.getString(1), rs.getString(2)), trackingId.value(),
                SubmissionStatus.ACCEPTED.name(), SubmissionStatus.QUEUED.name(), SubmissionStatus.FAILED.name())
                .stream().findFirst();
    }

    /**
     * The row is read before its history, so a change in between shows as history newer than the status,
     * never as a status that its history lacks.
     */
    public Optional<Submission> find(TrackingId trackingId) {
        return jdbc.query("select * from submission where tracking_id = ?",
                        (rs, row) -> submissionWithoutHistory(rs), trackingId.value())
                .stream().findFirst().map(submission -> submission.withHistory(history(trackingId)));
    }

    /** How many submissions per connector and status: one count per pair that has any. */
    public record StatusCount(String connector, SubmissionStatus status, long count) {
    }

    public record SearchPage(List<SubmissionSummary> items, int page, int size, long total) {
    }

    /** The submissions accepted since then, counted per connector and status. */
    public List<StatusCount> countsSince(Instant since) {
        return jdbc.query("""
                select connector, status, count(*) as n from submission where created_at >= ?
                group by connector, status order by connector, status""",
                (rs, row) -> new StatusCount(rs.getString("connector"), SubmissionStatus.valueOf(rs.getString("status")),
                        rs.getLong("n")), since.atOffset(ZoneOffset.UTC));
    }

    /** Destinations whose last delivery attempt failed for at least one submission (status FAILED), with how many. */
    public Map<String, Long> failingDestinations() {
        Map<String, Long> failing = new LinkedHashMap<>();
        jdbc.query("select destination, count(*) as n from submission where status = ? group by destination "
                        + "order by destination",
                rs -> {
                    failing.put(rs.getString("destination"), rs.getLong("n"));
                }, SubmissionStatus.FAILED.name());
        return failing;
    }

    /** Newest first; every criterion of the query that is set must match (ids and connector exactly). */
    public SearchPage search(SubmissionQuery query, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (query.trackingId() != null) {
            where.append(" and tracking_id = ?");
            arguments.add(query.trackingId());
        }
        if (query.messageId() != null) {
            where.append(" and message_id = ?");
            arguments.add(query.messageId());
        }
        if (query.connector() != null) {
            where.append(" and connector = ?");
            arguments.add(query.connector());
        }
        if (query.status() != null) {
            where.append(" and status = ?");
            arguments.add(query.status().name());
        }
        if (query.from() != null) {
            where.append(" and created_at >= ?");
            arguments.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" and created_at < ?");
            arguments.add(query.to().atOffset(ZoneOffset.UTC));
        }
        Long total = jdbc.queryForObject("select count(*) from submission" + where, Long.class, arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add((long) page * size);
        paged.add(size);
        List<SubmissionSummary> items = jdbc.query("select tracking_id, message_id, message_type, connector, "
                        + "destination, status, attempts, created_at, updated_at from submission" + where
                        + " order by created_at desc, tracking_id offset ? rows fetch next ? rows only",
                (rs, row) -> new SubmissionSummary(rs.getString("tracking_id"), rs.getString("message_id"),
                        rs.getString("message_type"), rs.getString("connector"), rs.getString("destination"),
                        SubmissionStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()),
                paged.toArray());
        return new SearchPage(items, page, size, total == null ? 0 : total);
    }

    private List<Submission.Event> history(TrackingId trackingId) {
        return jdbc.query("select status, at, detail from submission_event where tracking_id = ? order by at, id",
                (rs, row) -> new Submission.Event(SubmissionStatus.valueOf(rs.getString("status")),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("detail")),
                trackingId.value());
    }

    private static Submission submissionWithoutHistory(ResultSet rs) throws SQLException {
        return new Submission(rs.getString("tracking_id"), rs.getString("message_id"), rs.getString("message_type"),
                rs.getString("standard"), rs.getString("connector"), rs.getString("destination"),
                rs.getString("case_reference"), rs.getString("submitted_by"), rs.getString("content_sha256"),
                SubmissionStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), List.of());
    }

    private void event(TrackingId trackingId, SubmissionStatus status, OffsetDateTime at, String detail) {
        jdbc.update("insert into submission_event (tracking_id, status, at, detail) values (?, ?, ?, ?)",
                trackingId.value(), status.name(), at, detail);
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
