package de.amtsbote.xoev;

import net.sf.saxon.Configuration;
import net.sf.saxon.om.NamePool;

/**
 * Saxon numbers every name it meets (in stylesheets, in rules, in every message it reads) in its configuration's
 * name pool, keeps each as long as the configuration lives, and fails every parse once about a million are taken.
 * So the hub's compiled rules and mappings move to a fresh configuration, compiled anew, once theirs has taken
 * {@link #RENEW_AFTER} names. {@link SecureXml#MAX_DISTINCT_NAMES} bounds how many one message brings, and so how
 * far past the mark a pool gets before it is left.
 */
public final class SaxonNames {

    /** A real installation's schemas, rules and messages use a few thousand. */
    public static final int RENEW_AFTER = 100_000;

    /** Saxon's own names sit below this number; the names it takes from documents are numbered upwards from it. */
    private static final int FIRST_NAME = Integer.lowestOneBit(NamePool.USER_DEFINED_MASK);

    private SaxonNames() {
    }

    /** Whether the configuration's name pool has taken {@link #RENEW_AFTER} names: one lookup, nothing taken. */
    public static boolean crowded(Configuration configuration) {
        return configuration.getNamePool().getUnprefixedQName(FIRST_NAME + RENEW_AFTER) != null;
    }
}
