package de.amtsbote.xta;

import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;

/**
 * The ManagementPort of the fake XTA server: checkAccountActive answers whether the account is active (the test
 * decides), createMessageId hands out MessageIDs in the server's own namespace and remembers them, as a Governikus
 * server does for the messages sent through it. The operations' bodies are empty: a request is told by its
 * wsa:Action, so this provider is served without the WSDL (which would bind the AuthorIdentifier header as a
 * second argument).
 */
@WebServiceProvider(serviceName = "XTAService", portName = "ManagementPort", targetNamespace = XtaMessages.XTA)
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class FakeXtaManagementPort implements Provider<Source> {

    static final String MESSAGE_IDS = "urn:de:xta:messageid:fake:";

    private final List<String> created = new CopyOnWriteArrayList<>();
    private final AtomicBoolean active = new AtomicBoolean(true);

    @Resource
    private WebServiceContext context;

    @Override
    public Source invoke(Source request) {
        AddressingProperties addressing = (AddressingProperties) context.getMessageContext()
                .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        String action = addressing == null || addressing.getAction() == null ? "" : addressing.getAction().getValue();
        return switch (action) {
            case "http://www.xta.de/XTA/CheckAccountActive" -> source("<xta:AccountActive xmlns:xta=\"" + XtaMessages.XTA
                    + "\">" + active.get() + "</xta:AccountActive>");
            case "http://www.xta.de/XTA/CreateMessageId" -> {
                String messageId = MESSAGE_IDS + UUID.randomUUID();
                created.add(messageId);
                yield source("<wsa:MessageID xmlns:wsa=\"" + XtaMessages.WSA + "\">" + messageId + "</wsa:MessageID>");
            }
            default -> throw new WebServiceException("unknown ManagementPort action " + action);
        };
    }

    /** The MessageIDs createMessageId handed out, in order. */
    List<String> created() {
        return List.copyOf(created);
    }

    void active(boolean now) {
        active.set(now);
    }

    private static Source source(String xml) {
        return new StreamSource(new StringReader(xml));
    }
}
