package de.amtsbote.api;

import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.MalformedXmlException;
import de.amtsbote.xoev.XmlProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * What a SOAP door of the hub tells a sender whose message it refuses, beside the fault's reason: the problem type
 * (as the REST API's problem {@code type}) and each XML problem with line and column, in a fault detail element
 * {@code <amtsbote:problems type="…"><amtsbote:problem line="…" column="…">…</amtsbote:problem></amtsbote:problems>}.
 */
public final class SoapProblems {

    public static final String NAMESPACE = "urn:de:amtsbote:problems:1";

    private SoapProblems() {
    }

    /** The XML problems of a refusal; none when it is not about the XML. */
    public static List<XmlProblem> of(Exception refusal) {
        if (refusal instanceof InvalidMessageException invalid) {
            return invalid.problems();
        } else if (refusal instanceof MalformedXmlException malformed) {
            return malformed.problems();
        }
        return List.of();
    }

    /** For the fault's reason: the problems in one line. */
    public static String describe(List<XmlProblem> problems) {
        return problems.isEmpty() ? "" : problems.stream()
                .map(problem -> "line " + problem.line() + ", column " + problem.column() + ": " + problem.message())
                .collect(Collectors.joining("; ", " (", ")"));
    }

    /** Appends the problems to a fault's detail element. */
    public static void addTo(Element detail, String type, List<XmlProblem> problems) {
        Element list = detail.getOwnerDocument().createElementNS(NAMESPACE, "amtsbote:problems");
        list.setAttribute("type", type);
        for (XmlProblem problem : problems) {
            Element entry = detail.getOwnerDocument().createElementNS(NAMESPACE, "amtsbote:problem");
            entry.setAttribute("line", Integer.toString(problem.line()));
            entry.setAttribute("column", Integer.toString(problem.column()));
            entry.setTextContent(problem.message());
            list.appendChild(entry);
        }
        detail.appendChild(list);
    }
}
