package de.amtsbote.connectors.kit;

/**
 * The outcome of one sample of a connector.
 *
 * @param sample the sample's path relative to the connector folder
 * @param report empty when passed; otherwise what differs, readable (a diff, the missing or unexpected problems)
 */
public record SampleResult(String connector, String sample, boolean passed, String report) {

    static SampleResult pass(String connector, String sample) {
        return new SampleResult(connector, sample, true, "");
    }

    static SampleResult fail(String connector, String sample, String report) {
        return new SampleResult(connector, sample, false, report);
    }
}
