package de.amtsbote.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Runs inside a standalone broker ({@link StandaloneArtemis#createLosingConfirmations()}), as its incoming and
 * outgoing interceptor: the broker stores a message whose {@code amtsboteMessageId} starts with {@link #MARK} as it
 * stores any other, but the confirmation of that send never leaves the broker, as if the connection had broken on
 * the way back. The sender's blocking send times out, though the message is queued. Every other packet passes.
 */
public final class LostConfirmation implements Interceptor {

    /** A nachrichtenUUID starting with this loses its confirmation. */
    public static final String MARK = "0000c0f1-";

    /** The calls (connection and correlation id) whose confirmation is to be lost; shared by both instances. */
    private static final Set<String> LOSING = ConcurrentHashMap.newKeySet();

    @Override
    public boolean intercept(Packet packet, RemotingConnection connection) {
        String call = connection.getID() + "/" + packet.getCorrelationID();
        if (packet instanceof SessionSendMessage send) {
            String messageId = send.getMessage().getStringProperty("amtsboteMessageId");
            if (send.isRequiresResponse() && messageId != null && messageId.startsWith(MARK)) {
                LOSING.add(call);
            }
            return true;
        }
        // the confirmation carries the send's correlation id
        return packet.getType() != PacketImpl.NULL_RESPONSE || !LOSING.remove(call);
    }
}
