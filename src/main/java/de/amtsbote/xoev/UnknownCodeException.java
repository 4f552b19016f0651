package de.amtsbote.xoev;

import java.util.List;

/** Placeholder until the validation work lands (same name). */
public class UnknownCodeException extends InvalidMessageException {
    public UnknownCodeException(List<XmlProblem> problems) {
        super("placeholder", problems);
    }
}
