package de.amtsbote.xoev;

/** One problem found in an XML document, where a client can find it. Line and column are -1 when unknown. */
public record XmlProblem(int line, int column, String message) {
}
