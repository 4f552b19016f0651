package de.amtsbote.xta;

import de.amtsbote.answers.AnswerChannel;
import de.amtsbote.attachments.StoredAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapHeader;
import org.springframework.stereotype.Component;

/**
 * Answers to submissions fetched from an XTA message box go back the way they came: sendMessage on the account's
 * SendXtaPort of the city's XTA server, from the account's identity to the author of the answered message (for
 * service-bw, the portal's party), qualified like it. Its MessageID comes from the server's createMessageId when the
 * account has a ManagementPort ({@link XtaManagement}), the same for every retry; the documents beside the answer are
 * the container's Attachment elements, MTOM parts. A SOAP fault of the sender kind is
 * permanent, a server fault or a connection that fails is retried by the broker, as for every callback.
 */
@Component
class XtaAnswerChannel implements AnswerChannel {

    private final XtaProperties properties;
    private final XtaOrigins origins;
    private final XtaManagement management;

    XtaAnswerChannel(XtaProperties properties, XtaOrigins origins, XtaManagement management) {
        this.properties = properties;
        this.origins = origins;
        this.management = management;
    }

    @Override
    public boolean carries(String trackingId) {
        return sendingAccount(trackingId).isPresent();
    }

    @Override
    public String prepare(Exchange exchange, String trackingId, String answerId, byte[] answer,
                          List<StoredAttachment> documents) {
        XtaOrigins.Origin origin = origins.find(trackingId).orElseThrow();
        XtaProperties.Account account = sendingAccount(trackingId).orElseThrow();
        List<SoapHeader> headers = new ArrayList<>();
        String messageId = account.hasManagementPort()
                ? management.messageIdFor(answerId, origin.account(), account) : "urn:de:amtsbote:answer:" + answerId;
        headers.add(new SoapHeader(XtaMessages.MESSAGE_META_DATA, XtaMessages.outgoingMetaData(
                messageId, account.readerIdentifier(), account.readerType(), origin.author(),
                origin.service(), origin.businessScenario())));
        headers.add(new SoapHeader(XtaMessages.AUTHOR, XtaMessages.author(account.readerIdentifier(), account.readerType())));
        exchange.getMessage().removeHeaders("*"); // nothing but the SOAP call's own headers goes to the XTA server
        exchange.getMessage().setBody(new CxfPayload<>(headers,
                List.of(XtaMessages.container(answer, "text/xml", "answer-" + answerId + ".xml", documents))));
        XtaAttachments.send(exchange, documents);
        return XtaConfiguration.client(account.sendAddress(), "SendXtaPort", "sendMessage");
    }

    @Override
    public String describe(String trackingId) {
        return origins.find(trackingId).map(origin -> "XTA author " + origin.author() + " through account "
                + origin.account() + " (answering XTA message " + origin.xtaMessageId() + ")").orElse("XTA");
    }

    /** The account the submission was fetched through, if it can send (has a SendXtaPort address). */
    private Optional<XtaProperties.Account> sendingAccount(String trackingId) {
        return origins.find(trackingId)
                .map(origin -> properties.accounts().get(origin.account()))
                .filter(account -> account != null && account.sendAddress() != null && !account.sendAddress().isBlank());
    }
}
