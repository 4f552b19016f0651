package de.amtsbote.answers;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The {@link AnswerChannel}s the hub has (XTA when it reads service-bw's messages); none beside callbacks otherwise. */
@Component
class AnswerChannels {

    private final List<AnswerChannel> channels;

    AnswerChannels(List<AnswerChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** The channel the submission came in through, if it carries answers back. */
    Optional<AnswerChannel> of(String trackingId) {
        return trackingId == null ? Optional.empty()
                : channels.stream().filter(channel -> channel.carries(trackingId)).findFirst();
    }
}
