package de.amtsbote.answers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every answer the hub took, with its XML and history (tables {@code answer} and {@code answer_event}). A status
 * change and its history entry are written in one transaction.
 */
@Repository
public class AnswerStore {

    /** At most this many answers in one list: the operators' view of unmatched answers is a work list. */
    static final int LIST_LIMIT = 500;

    private final JdbcTemplate jdbc;

    AnswerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The answer's stored fields; the XML goes beside it. */
    record NewAnswer(String answerId, String messageId, String messageType, String rootElement, String standard,
                     String connector, String answeredBy, String referencedMessageId, String caseReference,
                     String trackingId, String portal, String contentSha256, AnswerStatus status) {
    }

    /**
     * Records a new answer.
     *
     * @throws DuplicateKeyException when an answer with the same standard and message id exists: a resend
     */
    @Transactional
    public void received(NewAnswer answer, byte[] payload, String detail) {
        OffsetDateTime now = now();
        jdbc.update("""
                insert into answer (answer_id, message_id, message_type, root_element, standard, connector, answered_by,
                                    referenced_message_id, case_reference, tracking_id, portal, content_sha256, payload,
                                    status, attempts, received_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                answer.answerId(), answer.messageId(), answer.messageType(), answer.rootElement(), answer.standard(),
                answer.connector(), answer.answeredBy(), answer.referencedMessageId(), answer.caseReference(),
                answer.trackingId(), answer.portal(), answer.contentSha256(), payload, answer.status().name(), now, now);
        event(answer.answerId(), answer.status(), now, detail);
    }

    /** The answer a resend repeats: same standard, same message id, with who sent it and its content hash. */
    Optional<Stored> findByMessage(String standard, String messageId) {
        return jdbc.query("select answer_id, answered_by, content_sha256, tracking_id, portal, status from answer"
                        + " where standard = ? and message_id = ?",
                (rs, row) -> new Stored(rs.getString("answer_id"), rs.getString("answered_by"),
                        rs.getString("content_sha256"), rs.getString("tracking_id"), rs.getString("portal"),
                        AnswerStatus.valueOf(rs.getString("status"))), standard, messageId).stream().findFirst();
    }

    record Stored(String answerId, String answeredBy, String contentSha256, String trackingId, String portal,
                  AnswerStatus status) {
    }

    @Transactional
    public void changed(String answerId, AnswerStatus status, String detail) {
        OffsetDateTime now = now();
        jdbc.update("update answer set status = ?, updated_at = ? where answer_id = ?", status.name(), now, answerId);
        event(answerId, status, now, detail);
    }

    /** A callback attempt and its outcome. */
    @Transactional
    public void attempted(String answerId, AnswerStatus outcome, int attempt, String detail) {
        OffsetDateTime now = now();
        jdbc.update("update answer set status = ?, attempts = ?, updated_at = ? where answer_id = ?",
                outcome.name(), attempt, now, answerId);
        event(answerId, outcome, now, detail);
    }

    /** Adds to the history without changing the status. */
    void noted(String answerId, AnswerStatus status, String detail) {
        event(answerId, status, now(), detail);
    }

    Optional<Answer> find(String answerId) {
        return jdbc.query("select * from answer where answer_id = ?", (rs, row) -> answer(rs), answerId)
                .stream().findFirst().map(answer -> answer.withHistory(history(answerId)));
    }

    /** The answers of one submission, oldest first. */
    public List<Answer> forSubmission(String trackingId) {
        return withHistories(jdbc.query("select * from answer where tracking_id = ? order by received_at, answer_id",
                (rs, row) -> answer(rs), trackingId));
    }

    /** Newest first; only those that matched no submission, or all. */
    List<Answer> list(boolean unmatchedOnly) {
        String where = unmatchedOnly ? " where tracking_id is null" : "";
        return withHistories(jdbc.query("select * from answer" + where
                + " order by received_at desc, answer_id fetch first " + LIST_LIMIT + " rows only", (rs, row) -> answer(rs)));
    }

    /** The portal that may read the answer (the answered submission's), or empty when it matched none. */
    Optional<String> portalOf(String answerId) {
        return jdbc.query("select portal from answer where answer_id = ?", (rs, row) -> Optional.ofNullable(rs.getString(1)),
                answerId).stream().findFirst().flatMap(portal -> portal);
    }

    public Optional<byte[]> payload(String answerId) {
        return jdbc.query("select payload from answer where answer_id = ?", (rs, row) -> rs.getBytes(1), answerId)
                .stream().findFirst();
    }

    boolean exists(String answerId) {
        Integer rows = jdbc.queryForObject("select count(*) from answer where answer_id = ?", Integer.class, answerId);
        return rows != null && rows > 0;
    }

    private List<Answer> withHistories(List<Answer> answers) {
        return answers.stream().map(answer -> answer.withHistory(history(answer.answerId()))).toList();
    }

    private List<Answer.Event> history(String answerId) {
        return jdbc.query("select status, at, detail from answer_event where answer_id = ? order by at, id",
                (rs, row) -> new Answer.Event(AnswerStatus.valueOf(rs.getString("status")),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("detail")), answerId);
    }

    private static Answer answer(ResultSet rs) throws SQLException {
        String id = rs.getString("answer_id");
        return new Answer(id, rs.getString("tracking_id"), rs.getString("message_id"), rs.getString("message_type"),
                rs.getString("root_element"), rs.getString("standard"), rs.getString("connector"),
                rs.getString("answered_by"), rs.getString("referenced_message_id"), rs.getString("case_reference"),
                AnswerStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), payloadPath(id), List.of());
    }

    static String payloadPath(String answerId) {
        return "/api/v1/answers/" + answerId + "/payload";
    }

    private void event(String answerId, AnswerStatus status, OffsetDateTime at, String detail) {
        jdbc.update("insert into answer_event (answer_id, status, at, detail) values (?, ?, ?, ?)",
                answerId, status.name(), at, detail);
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
