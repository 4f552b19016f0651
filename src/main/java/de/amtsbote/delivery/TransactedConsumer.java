package de.amtsbote.delivery;

/**
 * The JMS consumer options of every route that delivers from a queue (to specialist systems, to portals' callbacks):
 * a local session transaction per message with a cached consumer. {@code transacted=true} alone makes Camel create a
 * transaction manager lazily and fall back to a new consumer per message, about four times slower. A failed attempt
 * is logged once by the route's own handler, not again with a stack trace by Camel's.
 */
public final class TransactedConsumer {

    public static final String OPTIONS = "transacted=true&lazyCreateTransactionManager=false"
            + "&cacheLevelName=CACHE_CONSUMER&errorHandlerLogStackTrace=false&errorHandlerLoggingLevel=DEBUG";

    private TransactedConsumer() {
    }
}
