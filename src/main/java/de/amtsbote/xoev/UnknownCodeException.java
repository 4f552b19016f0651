package de.amtsbote.xoev;

import java.util.List;

/** A message that matches its schema but uses code values that its code lists (or their versions) do not have. */
public class UnknownCodeException extends InvalidMessageException {

    public UnknownCodeException(List<XmlProblem> problems) {
        super("The message uses codes its code lists do not know", problems);
    }
}
