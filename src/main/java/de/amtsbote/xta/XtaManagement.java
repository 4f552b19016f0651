package de.amtsbote.xta;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapHeader;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * The hub as client of the ManagementPort of the city's XTA server, for an account with a
 * {@code management-address}: whether the account is active (its health), and the MessageIDs of the answers the hub
 * sends through it. XTA servers hand out the MessageIDs of the messages sent through them; an answer keeps the one
 * it got first (table {@code xta_answer_message}), so a retry after a lost reply is recognisable as the same message.
 */
@Component
class XtaManagement {

    private final ProducerTemplate camel;
    private final JdbcTemplate jdbc;

    XtaManagement(ProducerTemplate camel, JdbcTemplate jdbc) {
        this.camel = camel;
        this.jdbc = jdbc;
    }

    /** checkAccountActive: the answer's boolean. @throws IllegalStateException when the server does not answer */
    boolean accountActive(XtaProperties.Account account) {
        return Boolean.parseBoolean(call(account, "checkAccountActive"));
    }

    /** The answer's XTA MessageID: the one created for it before, or a new one from createMessageId. */
    String messageIdFor(String answerId, String accountId, XtaProperties.Account account) {
        List<String> known = jdbc.queryForList("select xta_message_id from xta_answer_message where answer_id = ?",
                String.class, answerId);
        if (!known.isEmpty()) {
            return known.get(0);
        }
        String created = call(account, "createMessageId");
        if (created.isEmpty()) {
            throw new IllegalStateException("createMessageId of XTA account " + accountId + " answered no MessageID");
        }
        try {
            jdbc.update("insert into xta_answer_message (answer_id, account, xta_message_id, created_at) values (?, ?, ?, ?)",
                    answerId, accountId, created, Timestamp.from(Instant.now()));
            return created;
        } catch (DuplicateKeyException createdMeanwhile) {
            return jdbc.queryForObject("select xta_message_id from xta_answer_message where answer_id = ?",
                    String.class, answerId);
        }
    }

    /** One ManagementPort operation as the account's party (AuthorIdentifier header): the answer's text. */
    private String call(XtaProperties.Account account, String operation) {
        List<SoapHeader> headers = new ArrayList<>();
        headers.add(new SoapHeader(XtaMessages.AUTHOR, XtaMessages.author(account.readerIdentifier(), account.readerType())));
        Exchange done = camel.send(XtaConfiguration.client(account.managementAddress(), "ManagementPort", operation),
                exchange -> exchange.getMessage().setBody(new CxfPayload<>(headers, new ArrayList<Element>())));
        if (done.getException() != null) {
            throw new IllegalStateException("XTA " + operation + " at " + account.managementAddress() + " failed: "
                    + done.getException().getMessage(), done.getException());
        }
        @SuppressWarnings("unchecked")
        List<Element> body = done.getMessage().getBody(CxfPayload.class).getBody();
        return body.isEmpty() ? "" : body.get(0).getTextContent().strip();
    }
}
