package de.amtsbote.xoev;

import java.util.List;

/** A message that matches its schema but breaks its standard's Schematron rules. */
public class SchematronViolationException extends InvalidMessageException {

    public SchematronViolationException(List<XmlProblem> problems) {
        super("The message breaks its standard's rules", problems);
    }
}
