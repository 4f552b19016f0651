package de.amtsbote.xoev;

import java.util.List;

/** Well-formed XML that breaks its connector's schema (or lacks the header its standard requires). */
public class InvalidMessageException extends RuntimeException {

    private final List<XmlProblem> problems;

    public InvalidMessageException(String message, List<XmlProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<XmlProblem> problems() {
        return problems;
    }
}
