package de.amtsbote.xoev;

import java.util.List;

/** The document is not well-formed XML, or uses something the hub never parses (a DOCTYPE). */
public class MalformedXmlException extends RuntimeException {

    private final List<XmlProblem> problems;

    public MalformedXmlException(List<XmlProblem> problems) {
        super(problems.isEmpty() ? "not well-formed" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<XmlProblem> problems() {
        return problems;
    }
}
