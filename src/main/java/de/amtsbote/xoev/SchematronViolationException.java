package de.amtsbote.xoev;

import java.util.List;

/** Placeholder until the validation work lands (same name). */
public class SchematronViolationException extends InvalidMessageException {
    public SchematronViolationException(List<XmlProblem> problems) {
        super("placeholder", problems);
    }
}
